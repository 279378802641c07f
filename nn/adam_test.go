package nn

import (
	"math"
	"testing"
)

// adamRef is Adam written out in float64 from the PyTorch documentation.
func adamRef(w, g []float64, steps int, lr, wd float64) []float64 {
	m := make([]float64, len(w))
	v := make([]float64, len(w))
	w = append([]float64(nil), w...)
	for t := 1; t <= steps; t++ {
		for i := range w {
			gi := g[i] + wd*w[i]
			m[i] = 0.9*m[i] + 0.1*gi
			v[i] = 0.999*v[i] + 0.001*gi*gi
			mh := m[i] / (1 - math.Pow(0.9, float64(t)))
			vh := v[i] / (1 - math.Pow(0.999, float64(t)))
			w[i] -= lr * mh / (math.Sqrt(vh) + 1e-8)
		}
	}
	return w
}

func TestAdamFirstStepHandComputed(t *testing.T) {
	// Step 1: m̂ = g, v̂ = g², so the update is lr·g/(|g|+eps) ≈ lr·sign(g).
	a := NewAdam(2, 0.1)
	w := []float32{1, -1}
	a.Update(w, []float32{0.5, -2})
	near(t, "w0", float64(w[0]), 0.9, 1e-6)
	near(t, "w1", float64(w[1]), -0.9, 1e-6)
}

func TestAdamMatchesReference(t *testing.T) {
	for _, wd := range []float64{0, 1e-2} {
		a := NewAdam(3, 1e-3)
		a.WeightDecay = wd
		w := []float32{0.5, -0.25, 2}
		g := []float32{0.1, -0.3, 1e-4}
		for i := 0; i < 5; i++ {
			a.Update(w, g)
		}
		want := adamRef([]float64{0.5, -0.25, 2}, []float64{0.1, -0.3, 1e-4}, 5, 1e-3, wd)
		for i := range w {
			near(t, "w", float64(w[i]), want[i], 1e-6)
		}
	}
}

func TestClipGradNorm(t *testing.T) {
	ps := &ParamSet{G: []float32{3, 4}}
	n := ps.GradNorm()
	near(t, "norm", n, 5, 1e-9)
	ps.ClipGradNorm(n, 1)
	near(t, "g0", float64(ps.G[0]), 3/(5+1e-6), 1e-6)
	near(t, "g1", float64(ps.G[1]), 4/(5+1e-6), 1e-6)
	ps.G = []float32{0.3, 0.4}
	ps.ClipGradNorm(ps.GradNorm(), 1)
	if ps.G[0] != 0.3 || ps.G[1] != 0.4 {
		t.Errorf("clipping changed a gradient under the threshold: %v", ps.G)
	}
}

func TestAdamFlushesTinyMoments(t *testing.T) {
	// A weight whose gradient goes to 0 must not leave subnormal moments
	// behind (they slow every later step down on x86).
	a := NewAdam(1, 1e-3)
	w := []float32{1}
	a.Update(w, []float32{1e-3})
	for i := 0; i < 2000; i++ {
		a.Update(w, []float32{0})
	}
	if a.M[0] != 0 {
		t.Errorf("first moment %g after 2000 zero gradients, want flushed to 0", a.M[0])
	}
	if v := a.V[0]; v != 0 && v < 1.2e-38 {
		t.Errorf("second moment %g is subnormal", v)
	}
}

func TestTinyBits(t *testing.T) {
	if got := math.Float32bits(tiny); got != tinyBits {
		t.Fatalf("tinyBits = %#x, want %#x", tinyBits, got)
	}
}
