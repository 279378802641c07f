package nn

import (
	"math"
	"testing"
)

func near(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.9g, want %.9g", name, got, want)
	}
}

func TestBCESumHandComputed(t *testing.T) {
	// -(1·log 0.5) - (1·log(1-0.9)) - (0.3·log 0.2 + 0.7·log 0.8)
	want := math.Log(2) + -math.Log(0.1) - (0.3*math.Log(0.2) + 0.7*math.Log(0.8))
	near(t, "BCE", BCESum([]float32{0.5, 0.9, 0.2}, []float32{1, 0, 0.3}), want, 1e-6)
	// log(0) is clamped at -100, as in PyTorch.
	near(t, "BCE(p=0,x=1)", BCESum([]float32{0}, []float32{1}), 100, 0)
	near(t, "BCE(p=1,x=0)", BCESum([]float32{1}, []float32{0}), 100, 0)
	near(t, "BCE(p=1,x=1)", BCESum([]float32{1}, []float32{1}), 0, 0)
}

func TestSigmoidBCEMatchesBCEOfSigmoid(t *testing.T) {
	l := []float32{-3, -0.5, 0, 0.7, 4}
	x := []float32{0, 1, 0.5, 0.2, 1}
	p := make([]float32, len(l))
	dl := make([]float32, len(l))
	got := SigmoidBCE(l, x, p, dl)
	for i := range l {
		near(t, "sigmoid", float64(p[i]), float64(Sigmoid(l[i])), 1e-7)
		near(t, "dl", float64(dl[i]), float64(p[i]-x[i]), 1e-7)
	}
	near(t, "SigmoidBCE", got, BCESum(p, x), 1e-5)
	// Saturated logits: PyTorch's clamp caps each term at 100.
	near(t, "SigmoidBCE(-500, 1)", SigmoidBCE([]float32{-500}, []float32{1}, p[:1], nil), 100, 0)
	near(t, "SigmoidBCE(30, 0)", SigmoidBCE([]float32{30}, []float32{0}, p[:1], nil), 30, 1e-6)
}

func TestMSESumHandComputed(t *testing.T) {
	near(t, "MSE", MSESum([]float32{0.5, 1, 0.25}, []float32{0, 0, 0.75}), 0.25+1+0.25, 1e-7)
}

func TestFusedLossGradients(t *testing.T) {
	rng := NewRNG(11, 1)
	l := randMat(rng, 3, 4, 2).Data
	x := make([]float32, len(l))
	for i := range x {
		x[i] = rng.Uniform()
	}
	p := make([]float32, len(l))
	dl := make([]float32, len(l))
	SigmoidBCE(l, x, p, dl)
	checkGrad(t, "bce logits", l, append([]float32(nil), dl...), func() float64 { return SigmoidBCE(l, x, p, nil) }, 1e-2, 1e-3)
	SigmoidMSE(l, x, p, dl)
	checkGrad(t, "mse logits", l, append([]float32(nil), dl...), func() float64 { return SigmoidMSE(l, x, p, nil) }, 1e-2, 1e-3)
}

func TestKLHandComputed(t *testing.T) {
	// mu=1, logvar=0: -0.5(1+0-1-1) = 0.5; mu=0, logvar=log 2: -0.5(1+ln2-0-2).
	want := 0.5 + -0.5*(1+math.Log(2)-2)
	near(t, "KL", KLSum([]float32{1, 0}, []float32{0, float32(math.Log(2))}), want, 1e-6)
	near(t, "KL of prior", KLSum([]float32{0, 0}, []float32{0, 0}), 0, 0)
	head := Mat{Rows: 2, Cols: 4, Data: []float32{1, 0, 0, 0, 3, 0, 0, 0}}
	per := make([]float64, 2)
	KLPerDim(head, per)
	near(t, "KL dim 0", per[0], (0.5+4.5)/2, 1e-9)
	near(t, "KL dim 1", per[1], 0, 1e-9)
	near(t, "klSum2", klSum2(head), 5, 1e-9)
}
