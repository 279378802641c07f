package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// adamInputs returns w, g, m, v of length n mixing ordinary values with the
// awkward ones: zeros of both signs, moments near the flush threshold,
// subnormals, huge values, NaN and Inf.
func adamInputs(rng *rand.Rand, n int) (w, g, m, v []float32) {
	special := []float32{0, float32(math.Copysign(0, -1)), 1e-30, -1e-30, 1.0000001e-30, 9.99e-31,
		1e-38, 1e-45, -1e-45, 3e-39, 1e30, -1e30, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))}
	pick := func(scale float32) float32 {
		switch rng.IntN(4) {
		case 0:
			return special[rng.IntN(len(special))]
		case 1:
			return float32(rng.NormFloat64()) * 1e-15
		default:
			return float32(rng.NormFloat64()) * scale
		}
	}
	w, g, m, v = make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range w {
		w[i], g[i], m[i] = pick(0.1), pick(1e-3), pick(1e-4)
		v[i] = float32(math.Abs(float64(pick(1e-6))))
		if rng.IntN(20) == 0 {
			v[i] = pick(1) // even negative or NaN moments must match
		}
	}
	return
}

// TestAdamKernelsMatchGo runs every kernel this CPU supports against adamGo
// and requires identical bits in w, m and v.
func TestAdamKernelsMatchGo(t *testing.T) {
	defer restoreKernels()
	rng := rand.New(rand.NewPCG(3, 4))
	for _, kern := range testKernels() {
		useKernels(kern)
		for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1000, 4099} {
			for _, wd := range []float32{0, float32(math.Copysign(0, -1)), 1e-2} {
				k := adamConsts{b1: 0.9, c1: 1 - float32(0.9), b2: 0.999, c2: 1 - float32(0.999),
					stepSize: 1e-3 / 0.1, invSqrtBC2: float32(1 / math.Sqrt(0.001)), eps: 1e-8, wd: wd}
				w, g, m, v := adamInputs(rng, n)
				w2, m2, v2 := append([]float32(nil), w...), append([]float32(nil), m...), append([]float32(nil), v...)
				adamGo(&k, w, g, m, v)
				adamChunk(&k, w2, g, m2, v2)
				for i := range w {
					for _, c := range []struct {
						name string
						a, b float32
					}{{"w", w[i], w2[i]}, {"m", m[i], m2[i]}, {"v", v[i], v2[i]}} {
						if math.Float32bits(c.a) != math.Float32bits(c.b) {
							t.Fatalf("%s n=%d wd=%g: %s[%d] = %g (%#x), Go says %g (%#x)", kern.name, n, wd, c.name, i, c.b, math.Float32bits(c.b), c.a, math.Float32bits(c.a))
						}
					}
				}
			}
		}
	}
}
