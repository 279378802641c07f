package trainer

import (
	"testing"
	"time"

	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/nn"
)

// tinyData is a 4×4-pixel dataset: small enough that a checkpoint of a model
// trained on it is a few KB (the fixture under testdata is one).
func tinyData(t testing.TB, nTrain, nTest int) Data { return squareData(t, 4, nTrain, nTest) }

// squareData is a dataset of side×side-pixel images, a vertical stroke each.
func squareData(t testing.TB, side, nTrain, nTest int) Data {
	t.Helper()
	px := side * side
	mk := func(n int, seed uint64) *mnist.Dataset {
		rng := nn.NewRNG(seed, 1)
		im := &mnist.Images{N: n, Rows: side, Cols: side, Pixels: make([]uint8, n*px)}
		labels := make([]uint8, n)
		for i := range labels {
			l := rng.IntN(10)
			labels[i] = uint8(l)
			for y := 0; y < side; y++ {
				im.Pixels[i*px+y*side+l%side] = 255
			}
		}
		d, err := mnist.NewDataset(im, labels, "images", "labels")
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	return Data{Train: mk(nTrain, 1), Test: mk(nTest, 2)}
}

// tinyOptions is a 16-8-z2 model with BatchNorm, so the checkpoint holds
// running statistics too.
func tinyOptions() Options {
	o := Defaults()
	o.Model.Input = 16
	o.Model.Hidden = []int{8}
	o.Model.Latent = 2
	o.Model.BatchNorm = true
	o.Batch = 4
	o.Epochs = 3
	o.ExitWhenDone = true
	o.PublishInterval = time.Millisecond
	o.ReconCount, o.SampleCount = 2, 2
	return o
}

// tinyTrainer is a trainer one epoch and one step into a run: history,
// sums, a permutation and a mid-epoch position are all non-trivial.
func tinyTrainer(t testing.TB) (*Trainer, Data) {
	t.Helper()
	data := tinyData(t, 12, 4)
	o := tinyOptions()
	o.Epochs = 1
	return oneEpochAndAStep(t, o, data), data
}

// oneEpochAndAStep builds a trainer and trains it one epoch and one step.
func oneEpochAndAStep(t testing.TB, o Options, data Data) *Trainer {
	t.Helper()
	tr, err := New(o, data)
	if err != nil {
		t.Fatal(err)
	}
	tr.startEpoch()
	for tr.pos < len(tr.perm) {
		tr.trainStep()
	}
	if err := tr.endEpoch(); err != nil {
		t.Fatal(err)
	}
	tr.startEpoch()
	tr.trainStep()
	return tr
}
