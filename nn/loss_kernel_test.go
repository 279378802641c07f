package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSigmoidBCEKernelsMatchGo runs SigmoidBCE with every kernel this CPU
// supports against sigmoidBCEGo and requires identical bits in the loss,
// x̂ and the gradient, on logits from tiny to saturated, around expCutoff,
// signed zeros and subnormals, targets at 0, 1 and in between, and lengths
// that leave a remainder for Go.
func TestSigmoidBCEKernelsMatchGo(t *testing.T) {
	defer restoreKernels()
	rng := rand.New(rand.NewPCG(7, 8))
	special := []float32{0, float32(math.Copysign(0, -1)), 1e-45, -1e-45, 1e-38, -3e-39, 1e-7, -1e-7,
		expCutoff, -expCutoff, math.Nextafter32(expCutoff, 0), -math.Nextafter32(expCutoff, 0),
		math.Nextafter32(expCutoff, 100), 87, -87, 88, 100, -100, 1e30, -1e30, 0.5, -0.5, 0.3465736, -0.3465736}
	for _, kern := range testKernels() {
		useKernels(kern)
		for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 255, 256, 257, 1000, 4099} {
			l, x := make([]float32, n), make([]float32, n)
			for i := range l {
				switch rng.IntN(4) {
				case 0:
					l[i] = special[rng.IntN(len(special))]
				case 1:
					l[i] = float32(rng.NormFloat64() * 30)
				default:
					l[i] = float32(rng.NormFloat64() * 4)
				}
				switch rng.IntN(3) {
				case 0:
					x[i] = float32(rng.IntN(2))
				default:
					x[i] = rng.Float32()
				}
			}
			for _, grad := range []bool{true, false} {
				p1, p2 := make([]float32, n), make([]float32, n)
				var d1, d2 []float32
				if grad {
					d1, d2 = make([]float32, n), make([]float32, n)
				}
				want := sigmoidBCEGo(l, x, p1, d1, 0)
				got := SigmoidBCE(l, x, p2, d2)
				if math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("%s n=%d: loss %v, Go says %v", kern.name, n, got, want)
				}
				for i := range p1 {
					if math.Float32bits(p1[i]) != math.Float32bits(p2[i]) {
						t.Fatalf("%s n=%d: p[%d] (l=%g) = %g, Go says %g", kern.name, n, i, l[i], p2[i], p1[i])
					}
					if grad && math.Float32bits(d1[i]) != math.Float32bits(d2[i]) {
						t.Fatalf("%s n=%d: dl[%d] (l=%g) = %g, Go says %g", kern.name, n, i, l[i], d2[i], d1[i])
					}
				}
			}
		}
	}
}

func TestSigmoidBCEAllocatesNothing(t *testing.T) {
	l, x, p, dl := make([]float32, 1000), make([]float32, 1000), make([]float32, 1000), make([]float32, 1000)
	if n := testing.AllocsPerRun(10, func() { SigmoidBCE(l, x, p, dl) }); n != 0 {
		t.Errorf("SigmoidBCE allocates %v times", n)
	}
}
