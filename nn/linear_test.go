package nn

import (
	"math"
	"testing"
)

func TestLinearForwardMatchesNaive(t *testing.T) {
	rng := NewRNG(1, 1)
	ps := &ParamSet{}
	l := NewLinear(ps, "l", 7, 5, 4)
	ps.finalize()
	l.Init(rng)
	x := randMat(rng, 3, 7, 1)
	y := l.Forward(x, true)
	for r := 0; r < 3; r++ {
		for o := 0; o < 5; o++ {
			want := float64(l.B[o])
			for i := 0; i < 7; i++ {
				want += float64(x.Data[r*7+i]) * float64(l.W[i*5+o])
			}
			if got := float64(y.Data[r*5+o]); math.Abs(got-want) > 1e-5 {
				t.Fatalf("y[%d,%d] = %g, want %g", r, o, got, want)
			}
		}
	}
}

func TestLinearInitBound(t *testing.T) {
	ps := &ParamSet{}
	l := NewLinear(ps, "l", 784, 512, 1)
	ps.finalize()
	l.Init(NewRNG(3, 1))
	bound := float32(1 / math.Sqrt(784))
	var maxAbs float32
	var mean float64
	for _, w := range l.W {
		maxAbs = max(maxAbs, float32(math.Abs(float64(w))))
		mean += float64(w)
	}
	mean /= float64(len(l.W))
	if maxAbs > bound || maxAbs < 0.99*bound {
		t.Errorf("max |w| = %g, want just under %g", maxAbs, bound)
	}
	if math.Abs(mean) > 1e-3 {
		t.Errorf("mean weight %g, want ~0", mean)
	}
}

func TestLinearGradients(t *testing.T) {
	rng := NewRNG(2, 1)
	ps := &ParamSet{}
	l := NewLinear(ps, "l", 6, 4, 5)
	ps.finalize()
	l.Init(rng)
	x := randMat(rng, 5, 6, 1)
	wts := randMat(rng, 5, 4, 1).Data
	f := func() float64 { return weighted(l.Forward(x, true), wts) }
	f()
	dy := NewMat(5, 4)
	copy(dy.Data, wts)
	dx := l.Backward(dy)
	gx := append([]float32(nil), dx.Data...)
	gw := append([]float32(nil), l.GW...)
	gb := append([]float32(nil), l.GB...)
	checkGrad(t, "x", x.Data, gx, f, 1e-2, 1e-3)
	checkGrad(t, "W", l.W, gw, f, 1e-2, 1e-3)
	checkGrad(t, "b", l.B, gb, f, 1e-2, 1e-3)
}

func TestLinearNoInputGrad(t *testing.T) {
	ps := &ParamSet{}
	l := NewLinear(ps, "l", 3, 2, 2)
	ps.finalize()
	l.NoInputGrad = true
	l.Forward(NewMat(2, 3), true)
	if dx := l.Backward(NewMat(2, 2)); dx.Data != nil {
		t.Fatal("NoInputGrad still computed dx")
	}
}
