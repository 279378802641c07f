package nn

import "testing"

// benchStep times one full training step of the tutorial's model (forward,
// backward, Adam) at batch 128 and reports allocations, which must be 0.
func BenchmarkTrainStep(b *testing.B) {
	v, err := New(DefaultConfig(), 128, 1)
	if err != nil {
		b.Fatal(err)
	}
	x, labels := testBatch(NewRNG(1, 1), 128, 784)
	adam := NewAdam(len(v.Params.W), 1e-3)
	step := func() {
		v.Step(x, labels, 1)
		v.Params.GradNorm()
		adam.Update(v.Params.W, v.Params.G)
	}
	step() // warm-up: worker pools, first-touch of buffers
	b.ReportAllocs()
	b.SetBytes(128) // "MB/s" reads as millions of images per second
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		step()
	}
	b.ReportMetric(float64(b.N)*128/b.Elapsed().Seconds(), "images/s")
}

func TestTrainStepAllocatesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	v, _ := New(DefaultConfig(), 128, 1)
	x, labels := testBatch(NewRNG(1, 1), 128, 784)
	adam := NewAdam(len(v.Params.W), 1e-3)
	step := func() {
		v.Step(x, labels, 1)
		adam.Update(v.Params.W, v.Params.G)
	}
	step()
	if n := testing.AllocsPerRun(5, step); n != 0 {
		t.Errorf("training step allocates %v times, want 0", n)
	}
}
