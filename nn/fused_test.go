package nn

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/sgemm"
)

// unfusedBLAS is sgemm under another type, so fused() is false and the
// layers take their separate passes and single products.
type unfusedBLAS struct{ sgemm.Implementation }

func (unfusedBLAS) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	sgemm.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// TestFusedStepBitIdentical checks that the fused products (bias and
// activation hooks, dW and dx in one region, the layer below's bias
// gradient made by the dx product) change no bit of the losses, the
// gradients or the weights, for every layer variant.
func TestFusedStepBitIdentical(t *testing.T) {
	if !fused(false) {
		t.Skip("sgemm is not the installed BLAS")
	}
	cfgs := map[string]func(*Config){
		"default":   func(*Config) {},
		"leaky":     func(c *Config) { c.Activation = "leaky" },
		"dropout":   func(c *Config) { c.Dropout = 0.2; c.LatentDropout = 0.1 },
		"batchnorm": func(c *Config) { c.BatchNorm = true },
		"cond-mse":  func(c *Config) { c.Conditional = true; c.Loss = "mse" },
		"deep":      func(c *Config) { c.Hidden = []int{300, 200, 100}; c.Latent = 8 },
	}
	for name, set := range cfgs {
		t.Run(name, func(t *testing.T) {
			cfg := DefaultConfig()
			set(&cfg)
			run := func() ([]Loss, []float32, []float32) {
				v, err := New(cfg, 96, 7)
				if err != nil {
					t.Fatal(err)
				}
				x, labels := testBatch(NewRNG(2, 1), 96, cfg.Input)
				adam := NewAdam(len(v.Params.W), 1e-3)
				var losses []Loss
				for i := 0; i < 3; i++ {
					losses = append(losses, v.Step(x, labels, 0.5))
					adam.Update(v.Params.W, v.Params.G)
				}
				return losses, append([]float32(nil), v.Params.G...), append([]float32(nil), v.Params.W...)
			}
			fl, fg, fw := run()
			blas32.Use(unfusedBLAS{})
			defer sgemm.Use()
			if fused(false) {
				t.Fatal("fused with another BLAS installed")
			}
			ul, ug, uw := run()
			for i := range fl {
				if fl[i] != ul[i] {
					t.Fatalf("step %d: loss %+v fused, %+v not", i, fl[i], ul[i])
				}
			}
			same := func(what string, a, b []float32) {
				for i := range a {
					if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
						t.Fatalf("%s[%d] = %g fused, %g not", what, i, a[i], b[i])
					}
				}
			}
			same("G", fg, ug)
			same("W", fw, uw)
		})
	}
}

// TestTimedStep checks that a step timed by sgemm.Timing allocates
// nothing and that the parts add up to something plausible.
func TestTimedStep(t *testing.T) {
	if !strings.HasPrefix(blasimpl.Name, "vaetop sgemm") {
		t.Skip("the products go through " + blasimpl.Name + ": sgemm's timing sees none")
	}
	v, _ := New(DefaultConfig(), 128, 1)
	x, labels := testBatch(NewRNG(1, 1), 128, 784)
	adam := NewAdam(len(v.Params.W), 1e-3)
	step := func() {
		v.Step(x, labels, 1)
		v.Params.GradNorm()
		adam.Update(v.Params.W, v.Params.G)
	}
	step()
	var tm sgemm.Timing
	defer sgemm.StartTiming(sgemm.StartTiming(&tm))
	if n := testing.AllocsPerRun(5, step); n != 0 {
		t.Errorf("timed training step allocates %v times, want 0", n)
	}
	if tm.Get(sgemm.PartKernel) <= 0 || tm.Get(sgemm.PartOptimizer) <= 0 || tm.Get(sgemm.PartLoop) < tm.Get(sgemm.PartOptimizer) {
		t.Errorf("implausible parts: kernel %v optimizer %v loop %v", tm.Get(sgemm.PartKernel), tm.Get(sgemm.PartOptimizer), tm.Get(sgemm.PartLoop))
	}
	if got := tm.Products(); got != 6*17 {
		t.Errorf("%d products in 6 steps, want %d", got, 6*17)
	}
}
