package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

func reduceInput(rng *rand.Rand, n int) []float32 {
	special := []float32{0, float32(math.Copysign(0, -1)), 1e-45, -1e-45, 1e-38, -3e-39, 1e30, -1e30,
		float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))}
	v := make([]float32, n)
	for i := range v {
		if rng.IntN(8) == 0 {
			v[i] = special[rng.IntN(len(special))]
		} else {
			v[i] = float32(rng.NormFloat64())
		}
	}
	return v
}

// sameBits32 returns the first index where a and b differ in bits, or -1.
// NaNs match any NaN: when two NaNs meet, which payload x86 keeps depends
// on operand order, which the Go compiler may swap for + and *.
func sameBits32(a, b []float32) int {
	for i := range a {
		if a[i] != a[i] && b[i] != b[i] {
			continue
		}
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return i
		}
	}
	return -1
}

// TestColSumsKernelsMatchGo compares the bias-gradient strip kernels with
// colSumsGo, with and without the activation mask, on strips whose width
// leaves a remainder for Go and rows from 1 up.
func TestColSumsKernelsMatchGo(t *testing.T) {
	defer restoreKernels()
	rng := rand.New(rand.NewPCG(9, 10))
	for _, kern := range testKernels() {
		useKernels(kern)
		for _, rows := range []int{1, 2, 3, 128} {
			for _, w := range []int{1, 8, 16, 17, 40, 64, 100} {
				stride := w + rng.IntN(3)
				for _, slope := range []float32{0, 0.01} {
					for _, mask := range []bool{false, true} {
						dy := reduceInput(rng, rows*stride)
						y := reduceInput(rng, rows*stride)
						dy2 := append([]float32(nil), dy...)
						db, db2 := make([]float32, w), make([]float32, w)
						colSumsGo(dy, y, db, rows, stride, slope, mask)
						colSumsStrip(dy2, y, db2, rows, stride, slope, mask)
						if i := sameBits32(db, db2); i >= 0 {
							t.Fatalf("%s rows=%d w=%d mask=%v: db[%d] = %g, Go says %g", kern.name, rows, w, mask, i, db2[i], db[i])
						}
						if i := sameBits32(dy, dy2); i >= 0 {
							t.Fatalf("%s rows=%d w=%d mask=%v: dy[%d] = %g, Go says %g", kern.name, rows, w, mask, i, dy2[i], dy[i])
						}
					}
				}
			}
		}
	}
}

// TestSumSquaresKernelsMatchGo compares the norm kernels with sumSquaresGo.
func TestSumSquaresKernelsMatchGo(t *testing.T) {
	defer restoreKernels()
	rng := rand.New(rand.NewPCG(11, 12))
	for _, kern := range testKernels() {
		useKernels(kern)
		for _, n := range []int{0, 1, 15, 16, 17, 33, 1000, normChunk} {
			v := reduceInput(rng, n)
			for i := range v {
				if math.IsNaN(float64(v[i])) || math.IsInf(float64(v[i]), 0) {
					v[i] = 1e-20 // keep the sum finite so bits are meaningful
				}
			}
			var acc [16]float64
			sumSquaresGo(v, &acc)
			var want float64
			for _, a := range acc {
				want += a
			}
			if got := sumSquares(v); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("%s n=%d: %v, Go says %v", kern.name, n, got, want)
			}
		}
	}
}

// TestActivateKernelsMatchGo compares the forward activation kernels with
// activateGo for ReLU, LeakyReLU and signed-zero slopes.
func TestActivateKernelsMatchGo(t *testing.T) {
	defer restoreKernels()
	rng := rand.New(rand.NewPCG(13, 14))
	for _, kern := range testKernels() {
		useKernels(kern)
		for _, n := range []int{0, 1, 7, 8, 9, 16, 17, 100, 1000} {
			for _, slope := range []float32{0, float32(math.Copysign(0, -1)), 0.01, -2} {
				x := reduceInput(rng, n)
				x2 := append([]float32(nil), x...)
				activateGo(x, slope)
				activateVec(x2, slope)
				if i := sameBits32(x, x2); i >= 0 {
					t.Fatalf("%s n=%d slope=%g: x[%d] = %g, Go says %g", kern.name, n, slope, i, x2[i], x[i])
				}
			}
		}
	}
}
