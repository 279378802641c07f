package nn

import (
	"math"
	"slices"
	"testing"
)

// TestFrozenComputesHereWithTheSameBits checks that a frozen copy encodes
// and decodes exactly as the model it was taken from, and that every layer
// of the copy, and none of the model's, computes on its caller alone.
func TestFrozenComputesHereWithTheSameBits(t *testing.T) {
	for _, cfg := range []Config{
		{Input: 784, Hidden: []int{512, 256}, Latent: 32, Activation: "relu", Loss: "bce"},
		{Input: 784, Hidden: []int{400}, Latent: 20, Activation: "leaky", Loss: "bce", BatchNorm: true, Conditional: true},
	} {
		v, err := New(cfg, 64, 3)
		if err != nil {
			t.Fatal(err)
		}
		f := v.Frozen(64)
		layers := func(m *VAE) (here []bool) {
			here = append(here, m.here, m.head.here, m.out.here)
			for _, bs := range [][]block{m.enc, m.dec} {
				for _, b := range bs {
					here = append(here, b.lin.here, b.act.here)
				}
			}
			return here
		}
		for i, h := range layers(f) {
			if !h {
				t.Errorf("%v: frozen layer %d would use the worker pool", cfg.Hidden, i)
			}
		}
		for i, h := range layers(v) {
			if h {
				t.Errorf("%v: the model's layer %d computes alone", cfg.Hidden, i)
			}
		}
		const n = 50
		x := make([]float32, n*cfg.Input)
		for i := range x {
			x[i] = float32(math.Abs(math.Sin(float64(i))))
		}
		labels := make([]uint8, n)
		for i := range labels {
			labels[i] = uint8(i % 10)
		}
		run := func(m *VAE) (mu, lv, img []float32) {
			mu, lv = make([]float32, n*cfg.Latent), make([]float32, n*cfg.Latent)
			m.Encode(Mat{Rows: n, Cols: cfg.Input, Data: x}, labels, mu, lv)
			img = make([]float32, n*cfg.Input)
			m.Decode(Mat{Rows: n, Cols: cfg.Latent, Data: mu}, labels, img)
			return mu, lv, img
		}
		wmu, wlv, wimg := run(v)
		gmu, glv, gimg := run(f)
		if !slices.Equal(gmu, wmu) || !slices.Equal(glv, wlv) || !slices.Equal(gimg, wimg) {
			t.Errorf("%v: the frozen copy's encode or decode differs from the model's", cfg.Hidden)
		}
	}
}
