package trainer

import (
	"math"
	"testing"
)

// Every float option refuses NaN and ±Inf with a message naming its flag.
func TestOptionsRefuseNonFiniteFloats(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		mod  func(*Options)
		want string
	}{
		{func(o *Options) { o.LR = nan }, "--lr NaN must be in (0, 10]"},
		{func(o *Options) { o.LR = inf }, "--lr +Inf must be in (0, 10]"},
		{func(o *Options) { o.LR = 0 }, "--lr 0 must be in (0, 10]"},
		{func(o *Options) { o.Beta = nan }, "--beta NaN must be in [0, 1000]"},
		{func(o *Options) { o.Beta = -inf }, "--beta -Inf must be in [0, 1000]"},
		{func(o *Options) { o.WeightDecay = nan }, "--weight-decay NaN must be in [0, 1]"},
		{func(o *Options) { o.WeightDecay = inf }, "--weight-decay +Inf must be in [0, 1]"},
		{func(o *Options) { o.Clip = nan }, "--clip NaN must be a finite number >= 0 (0 turns clipping off)"},
		{func(o *Options) { o.Clip = inf }, "--clip +Inf must be a finite number >= 0 (0 turns clipping off)"},
		{func(o *Options) { o.Clip = -1 }, "--clip -1 must be a finite number >= 0 (0 turns clipping off)"},
		{func(o *Options) { o.Model.Dropout = nan }, "--dropout NaN must be in [0, 1)"},
		{func(o *Options) { o.Model.Dropout = inf }, "--dropout +Inf must be in [0, 1)"},
		{func(o *Options) { o.Model.LatentDropout = nan }, "--latent-dropout NaN must be in [0, 1)"},
		{func(o *Options) { o.Model.LatentDropout = -inf }, "--latent-dropout -Inf must be in [0, 1)"},
	}
	for _, tc := range cases {
		o := Defaults()
		tc.mod(&o)
		if err := o.Validate(); err == nil || err.Error() != tc.want {
			t.Errorf("got %v, want %q", err, tc.want)
		}
	}
	o := Defaults()
	o.Clip, o.WeightDecay = 1, 1e-5
	if err := o.Validate(); err != nil {
		t.Errorf("tutorial options refused: %v", err)
	}
}
