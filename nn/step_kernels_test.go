package nn

import (
	"math"
	"testing"
)

// TestStepSameBitsWithEveryKernel trains a few steps (ReLU, and LeakyReLU
// with BatchNorm and weight decay) with each set of element-wise kernels
// this CPU supports and requires the losses, gradients and weights of the
// pure-Go run bit for bit.
func TestStepSameBitsWithEveryKernel(t *testing.T) {
	defer restoreKernels()
	cfgs := []Config{DefaultConfig(), DefaultConfig()}
	cfgs[1].Activation, cfgs[1].BatchNorm = "leaky", true
	for ci, cfg := range cfgs {
		var ref []uint64
		for _, kern := range testKernels() {
			useKernels(kern)
			v, err := New(cfg, 64, 1)
			if err != nil {
				t.Fatal(err)
			}
			adam := NewAdam(len(v.Params.W), 1e-3)
			adam.WeightDecay = float64(ci) * 1e-2
			rng := NewRNG(2, 2)
			var got []uint64
			for s := 0; s < 3; s++ {
				x, labels := testBatch(rng, 61, cfg.Input) // odd batch: kernel tails
				l := v.Step(x, labels, 1)
				got = append(got, math.Float64bits(l.Rec), math.Float64bits(l.KL), math.Float64bits(v.Params.GradNorm()))
				adam.Update(v.Params.W, v.Params.G)
			}
			for _, w := range v.Params.W {
				got = append(got, uint64(math.Float32bits(w)))
			}
			if ref == nil {
				ref = got
				continue
			}
			for i := range ref {
				if got[i] != ref[i] {
					t.Fatalf("config %d, kernels %s: value %d differs from pure Go (%#x vs %#x)", ci, kern.name, i, got[i], ref[i])
				}
			}
		}
	}
}
