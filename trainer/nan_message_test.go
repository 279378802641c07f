package trainer

import (
	"math"
	"regexp"
	"testing"

	"github.com/vaetop/vaetop/live"
)

// The NaN pause names what was not finite, the loss, the gradient norm or
// both, and gives the figures in %.4g. Each case is made by a fault
// injected before the first step: a NaN output bias spoils the loss alone
// (its gradient stays finite); a mean bias of 1e36 gives a finite KL of
// about 1.6e73 (summed in float64) but a gradient that overflows float32;
// a NaN mean spoils both.
func TestNaNPauseNamesWhatWasNotFinite(t *testing.T) {
	nan := float32(math.NaN())
	cases := []struct {
		name        string
		group       string
		value       float32
		wantPattern string
	}{
		{"loss", "out", nan, `^non-finite loss at step 1 \(loss NaN, grad norm [0-9.]{1,5}\): paused before the update\.$`},
		{"gradient", "mu|logvar", 1e36, `^non-finite gradient norm at step 1 \(loss 5e\+71, grad norm \+Inf\): paused before the update\.$`},
		{"both", "mu|logvar", nan, `^non-finite loss and gradient norm at step 1 \(loss NaN, grad norm NaN\): paused before the update\.$`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := smallOptions()
			tr := mustNew(t, o, synthData(t, 200, 50))
			sub := tr.Subscribe()
			tr.startEpoch()
			tr.testHookStep = func() {
				// The group's bias is its last values: 784 of them for
				// "out", [mu | logvar] for the head; the first is set.
				bias := o.Model.Input
				if c.group == "mu|logvar" {
					bias = 2 * o.Model.Latent
				}
				for _, g := range tr.model.Params.Groups {
					if g.Name == c.group {
						tr.model.Params.W[g.Offset+g.Len-bias] = c.value
					}
				}
			}
			tr.trainStep()
			<-sub.C()
			s, _ := sub.Next()
			e, ok := findEvent(s.Events, live.EventNaNPause)
			if !ok || s.State != live.Paused || s.Step != 0 {
				t.Fatalf("no NaN pause: state %v at step %d, events %v", s.State, s.Step, kinds(s.Events))
			}
			if !regexp.MustCompile(c.wantPattern).MatchString(e.Text) {
				t.Errorf("message %q\nwant it to match %s", e.Text, c.wantPattern)
			}
		})
	}
}

func TestNonFiniteText(t *testing.T) {
	inf := math.Inf(1)
	for _, c := range []struct {
		loss, norm float64
		want       string
	}{
		{1.966877960184279e+72, math.NaN(), "non-finite gradient norm at step 7 (loss 1.967e+72, grad norm NaN): paused before the update."},
		{math.NaN(), 12.345678, "non-finite loss at step 7 (loss NaN, grad norm 12.35): paused before the update."},
		{-inf, 0.000123456, "non-finite loss at step 7 (loss -Inf, grad norm 0.0001235): paused before the update."},
		{math.NaN(), inf, "non-finite loss and gradient norm at step 7 (loss NaN, grad norm +Inf): paused before the update."},
	} {
		if got := nonFiniteText(7, c.loss, c.norm); got != c.want {
			t.Errorf("nonFiniteText(7, %g, %g) = %q, want %q", c.loss, c.norm, got, c.want)
		}
	}
}
