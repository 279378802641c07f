package nn

import "testing"

func TestActivationForward(t *testing.T) {
	x := Mat{Rows: 1, Cols: 4, Data: []float32{-2, -0.5, 0, 3}}
	NewReLU().Forward(x, true)
	want := []float32{0, 0, 0, 3}
	for i := range want {
		if x.Data[i] != want[i] {
			t.Fatalf("relu = %v, want %v", x.Data, want)
		}
	}
	x = Mat{Rows: 1, Cols: 4, Data: []float32{-2, -0.5, 0, 3}}
	NewLeakyReLU(0.01).Forward(x, true)
	want = []float32{-0.02, -0.005, 0, 3}
	for i := range want {
		if x.Data[i] != want[i] {
			t.Fatalf("leaky = %v, want %v", x.Data, want)
		}
	}
}

func testActivationGrad(t *testing.T, a *Activation) {
	rng := NewRNG(5, 1)
	x := randMat(rng, 4, 6, 1)
	awayFromZero(x, 0.05)
	wts := randMat(rng, 4, 6, 1).Data
	buf := NewMat(4, 6)
	f := func() float64 {
		copy(buf.Data, x.Data)
		return weighted(a.Forward(buf, true), wts)
	}
	f()
	dy := NewMat(4, 6)
	copy(dy.Data, wts)
	g := append([]float32(nil), a.Backward(dy).Data...)
	checkGrad(t, "x", x.Data, g, f, 1e-2, 1e-3)
}

func TestReLUGradient(t *testing.T)      { testActivationGrad(t, NewReLU()) }
func TestLeakyReLUGradient(t *testing.T) { testActivationGrad(t, NewLeakyReLU(0.01)) }

func TestSigmoid(t *testing.T) {
	cases := map[float32]float32{0: 0.5, 100: 1, -100: 0, 2: 0.880797}
	for x, want := range cases {
		if got := Sigmoid(x); got-want > 1e-6 || want-got > 1e-6 {
			t.Errorf("Sigmoid(%g) = %g, want %g", x, got, want)
		}
	}
}

func TestSigmoidLayerGradient(t *testing.T) {
	rng := NewRNG(6, 1)
	s := newSigmoidLayer(3, 5)
	x := randMat(rng, 3, 5, 2)
	wts := randMat(rng, 3, 5, 1).Data
	f := func() float64 { return weighted(s.Forward(x, true), wts) }
	f()
	dy := NewMat(3, 5)
	copy(dy.Data, wts)
	g := append([]float32(nil), s.Backward(dy).Data...)
	checkGrad(t, "x", x.Data, g, f, 1e-2, 1e-3)
}
