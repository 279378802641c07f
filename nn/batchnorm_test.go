package nn

import (
	"math"
	"testing"
)

func newTestBN(dim, maxBatch int) (*BatchNorm, *ParamSet) {
	ps := &ParamSet{}
	b := NewBatchNorm(ps, "bn", dim, maxBatch)
	ps.finalize()
	b.Init()
	return b, ps
}

func TestBatchNormTrainStatistics(t *testing.T) {
	b, _ := newTestBN(2, 4)
	x := Mat{Rows: 4, Cols: 2, Data: []float32{1, 10, 2, 20, 3, 30, 4, 40}}
	y := b.Forward(x, true)
	for j := 0; j < 2; j++ {
		var mean, sq float64
		for r := 0; r < 4; r++ {
			mean += float64(y.Data[r*2+j])
		}
		mean /= 4
		for r := 0; r < 4; r++ {
			d := float64(y.Data[r*2+j]) - mean
			sq += d * d
		}
		if math.Abs(mean) > 1e-6 || math.Abs(sq/4-1) > 1e-3 {
			t.Errorf("column %d: mean %g var %g, want 0 and ~1", j, mean, sq/4)
		}
	}
	// Column 0: mean 2.5, unbiased var 5/3. Running: 0.9·0 + 0.1·2.5, 0.9·1 + 0.1·5/3.
	if got := b.RunMean[0]; math.Abs(float64(got)-0.25) > 1e-6 {
		t.Errorf("running mean %g, want 0.25", got)
	}
	if got := b.RunVar[0]; math.Abs(float64(got)-(0.9+0.1*5.0/3)) > 1e-6 {
		t.Errorf("running var %g, want %g", got, 0.9+0.1*5.0/3)
	}
}

func TestBatchNormEvalUsesRunningStats(t *testing.T) {
	b, _ := newTestBN(1, 2)
	b.RunMean[0], b.RunVar[0] = 2, 4
	b.Gamma[0], b.Beta[0] = 3, 1
	y := b.Forward(Mat{Rows: 2, Cols: 1, Data: []float32{2, 6}}, false)
	// (6-2)/sqrt(4+1e-5)·3 + 1 ≈ 7.
	if math.Abs(float64(y.Data[0])-1) > 1e-5 || math.Abs(float64(y.Data[1])-7) > 1e-4 {
		t.Errorf("eval output %v, want [1 7]", y.Data)
	}
}

func TestBatchNormGradients(t *testing.T) {
	rng := NewRNG(9, 1)
	b, _ := newTestBN(3, 6)
	for j := range b.Gamma {
		b.Gamma[j] = 1 + 0.3*rng.Normal()
		b.Beta[j] = 0.3 * rng.Normal()
	}
	x := randMat(rng, 6, 3, 1)
	wts := randMat(rng, 6, 3, 1).Data
	f := func() float64 { return weighted(b.Forward(x, true), wts) }
	f()
	dy := NewMat(6, 3)
	copy(dy.Data, wts)
	gx := append([]float32(nil), b.Backward(dy).Data...)
	gg := append([]float32(nil), b.GGamma...)
	gb := append([]float32(nil), b.GBeta...)
	checkGrad(t, "x", x.Data, gx, f, 1e-2, 5e-3)
	checkGrad(t, "gamma", b.Gamma, gg, f, 1e-2, 1e-3)
	checkGrad(t, "beta", b.Beta, gb, f, 1e-2, 1e-3)
}
