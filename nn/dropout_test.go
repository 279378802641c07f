package nn

import (
	"math"
	"testing"
)

func TestDropoutTrainAndEval(t *testing.T) {
	d := NewDropout(0.5, NewRNG(1, 1), 100, 100)
	x := NewMat(100, 100)
	for i := range x.Data {
		x.Data[i] = 1
	}
	d.Forward(x, true)
	zeros := 0
	for _, v := range x.Data {
		switch v {
		case 0:
			zeros++
		case 2:
		default:
			t.Fatalf("dropout kept value %g, want 0 or 2", v)
		}
	}
	if frac := float64(zeros) / 1e4; math.Abs(frac-0.5) > 0.03 {
		t.Errorf("dropped %.3f of values, want ~0.5", frac)
	}
	dy := NewMat(100, 100)
	for i := range dy.Data {
		dy.Data[i] = 1
	}
	d.Backward(dy)
	for i := range dy.Data {
		if dy.Data[i] != x.Data[i] {
			t.Fatalf("backward mask differs from forward mask at %d", i)
		}
	}
	y := Mat{Rows: 1, Cols: 3, Data: []float32{1, 2, 3}}
	d.Forward(y, false)
	if y.Data[0] != 1 || y.Data[1] != 2 || y.Data[2] != 3 {
		t.Errorf("eval dropout changed input: %v", y.Data)
	}
}

func TestDropoutGradient(t *testing.T) {
	rng := NewRNG(7, 1)
	noise := NewRNG(8, 1)
	d := NewDropout(0.3, noise, 4, 5)
	x := randMat(rng, 4, 5, 1)
	wts := randMat(rng, 4, 5, 1).Data
	state, _ := noise.MarshalBinary()
	buf := NewMat(4, 5)
	f := func() float64 {
		_ = noise.UnmarshalBinary(state)
		copy(buf.Data, x.Data)
		return weighted(d.Forward(buf, true), wts)
	}
	f()
	dy := NewMat(4, 5)
	copy(dy.Data, wts)
	g := append([]float32(nil), d.Backward(dy).Data...)
	checkGrad(t, "x", x.Data, g, f, 1e-2, 1e-3)
}
