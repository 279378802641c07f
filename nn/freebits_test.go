package nn

import (
	"math"
	"testing"
)

func freeBitsVAE(t *testing.T, lambda float64) (*VAE, Mat) {
	t.Helper()
	cfg := Config{Input: 12, Hidden: []int{8}, Latent: 3, Activation: "relu", Loss: "bce"}
	v, err := New(cfg, 5, 7)
	if err != nil {
		t.Fatal(err)
	}
	v.FreeBits = lambda
	x := NewMat(5, 12)
	rng := NewRNG(3, 9)
	for i := range x.Data {
		x.Data[i] = rng.Uniform()
	}
	return v, x
}

// By hand from the step's own head: KL_d = mean over rows of
// ½(μ² + σ² − 1 − log σ²), and the trained term is n·Σ_d max(λ, KL_d),
// while the KL reported stays the true one.
func TestFreeBitsLossIsHandComputed(t *testing.T) {
	for _, lambda := range []float64{0, 0.05, 0.5, 50} {
		v, x := freeBitsVAE(t, lambda)
		loss := v.Step(x, nil, 1)
		head := v.LastHead()
		L, n := 3, 5
		var want, trueKL float64
		for d := 0; d < L; d++ {
			var kd float64
			for r := 0; r < n; r++ {
				m, lv := float64(head.Data[r*2*L+d]), float64(head.Data[r*2*L+L+d])
				kd += 0.5 * (m*m + math.Exp(lv) - 1 - lv)
			}
			trueKL += kd
			kd /= float64(n)
			if lambda > 0 {
				kd = math.Max(lambda, kd)
			}
			want += kd * float64(n)
		}
		if math.Abs(loss.KL-trueKL) > 1e-4*math.Max(1, trueKL) {
			t.Fatalf("λ=%g: reported KL %v, true %v", lambda, loss.KL, trueKL)
		}
		if math.Abs(loss.KLTrained-want) > 1e-4*math.Max(1, want) {
			t.Fatalf("λ=%g: trained KL %v, by hand %v", lambda, loss.KLTrained, want)
		}
	}
}

// Units under λ get no KL gradient: with λ above every unit's KL the
// gradient is exactly that of β = 0; with λ = 0 it is the plain step's.
func TestFreeBitsGradient(t *testing.T) {
	grad := func(lambda float64, beta float32) []float32 {
		v, x := freeBitsVAE(t, lambda)
		v.Step(x, nil, beta)
		return append([]float32(nil), v.Params.G...)
	}
	same := func(a, b []float32) bool {
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	if !same(grad(1e6, 1), grad(0, 0)) {
		t.Fatal("with every unit under λ the KL still pushes the gradient")
	}
	if same(grad(0, 1), grad(0, 0)) {
		t.Fatal("β has no effect on the gradient: the test shows nothing")
	}
	if !same(grad(1e-12, 1), grad(0, 1)) {
		t.Fatal("a λ under every unit's KL changes the gradient")
	}
}
