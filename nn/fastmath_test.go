package nn

import (
	"math"
	"testing"
)

func TestExpNegAccuracy(t *testing.T) {
	worst := 0.0
	for a := float32(0); a < 87; a += 0.001 {
		got := float64(expNeg(a))
		want := math.Exp(-float64(a))
		if rel := math.Abs(got-want) / want; rel > worst {
			worst = rel
		}
	}
	if worst > 4e-7 {
		t.Errorf("expNeg worst relative error %.3g", worst)
	}
	if expNeg(100) != 0 || expNeg(0) != 1 {
		t.Errorf("expNeg(100) = %g, expNeg(0) = %g", expNeg(100), expNeg(0))
	}
}

func TestLog1p01Accuracy(t *testing.T) {
	worst := 0.0
	for _, e := range []float32{1e-30, 1e-10, 1e-7, 1e-3, 0.1, 0.5, 0.999, 1} {
		got := float64(log1p01(e))
		want := math.Log1p(float64(e))
		if rel := math.Abs(got-want) / want; rel > worst {
			worst = rel
		}
	}
	for e := float32(0.0001); e <= 1; e += 0.0001 {
		got := float64(log1p01(e))
		want := math.Log1p(float64(e))
		if rel := math.Abs(got-want) / want; rel > worst {
			worst = rel
		}
	}
	if worst > 4e-7 {
		t.Errorf("log1p01 worst relative error %.3g", worst)
	}
}

func BenchmarkSigmoidBCE(b *testing.B) {
	rng := NewRNG(1, 1)
	l := randMat(rng, 128, 784, 5).Data
	x := randMat(rng, 128, 784, 1).Data
	p := make([]float32, len(l))
	dl := make([]float32, len(l))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		SigmoidBCE(l, x, p, dl)
	}
}
