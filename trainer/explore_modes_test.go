package trainer

import (
	"math"
	"testing"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/nn"
)

// The explorer's modes, on a trained model's frozen copy: what the viewer
// decodes must change with what the user moves.

func trainedForExplore(t *testing.T, conditional bool) (*Trainer, live.Model, *live.Latents) {
	t.Helper()
	o := smallOptions()
	o.Epochs, o.LR = 4, 3e-3
	o.Model.Conditional = conditional
	tr := mustNew(t, o, synthData(t, 1500, 60))
	runToEnd(t, tr)
	tr.Frozen()
	tr.refreshFrozen(tr.lastVisual)
	m := tr.frozen.latest.Load()
	if m == nil {
		t.Fatal("no frozen copy")
	}
	return tr, m, tr.latest
}

func decodeOne(m live.Model, z []float32, label int) []float32 {
	var labels []uint8
	if label >= 0 {
		labels = []uint8{uint8(label)}
	}
	out := make([]float32, 784)
	m.Decode(z, labels, out)
	return out
}

func maxDiff(a, b []float32) float64 {
	d := 0.0
	for i := range a {
		d = math.Max(d, math.Abs(float64(a[i]-b[i])))
	}
	return d
}

func TestTraversalChangesTheDecodedImage(t *testing.T) {
	_, m, l := trainedForExplore(t, false)
	base := l.Row(0)
	// The most active unit moves the digit most; any unit must move it.
	best := 0
	for d := range l.Var {
		if l.Var[d] > l.Var[best] {
			best = d
		}
	}
	path := latent.Traverse(base, best, []float64{-3, 0, 3})
	lo, mid, hi := decodeOne(m, path[0], -1), decodeOne(m, path[1], -1), decodeOne(m, path[2], -1)
	if maxDiff(lo, hi) < 0.05 || maxDiff(lo, mid) == 0 {
		t.Fatalf("unit %d from -3 to 3 changes the digit by at most %.4f", best, maxDiff(lo, hi))
	}
	// Moving to the same absolute value twice decodes the same image.
	again := latent.Traverse(path[2], best, []float64{3})[0]
	if maxDiff(decodeOne(m, again, -1), hi) != 0 {
		t.Fatal("the same point decodes differently")
	}
}

func TestInterpolationEndsAreTheDigitsReconstructions(t *testing.T) {
	tr, m, l := trainedForExplore(t, false)
	a, b := 3, 17
	for _, spherical := range []bool{false, true} {
		path := latent.Path(l.Row(a), l.Row(b), 7, spherical)
		// The trainer's reconstruction of a test image decodes its mean.
		x := make([]float32, 2*784)
		tr.data.Test.Images.Fill(x, []int{a, b})
		want := make([]float32, 2*784)
		tr.model.Reconstruct(nn.Mat{Rows: 2, Cols: 784, Data: x}, nil, want)
		if d := maxDiff(decodeOne(m, path[0], -1), want[:784]); d > 1e-5 {
			t.Fatalf("spherical=%v: the first end differs from digit %d's reconstruction by %g", spherical, a, d)
		}
		if d := maxDiff(decodeOne(m, path[6], -1), want[784:]); d > 1e-5 {
			t.Fatalf("spherical=%v: the last end differs from digit %d's reconstruction by %g", spherical, b, d)
		}
		if maxDiff(decodeOne(m, path[3], -1), want[:784]) < 1e-3 {
			t.Fatalf("spherical=%v: the middle of the path decodes like an end", spherical)
		}
	}
}

func TestClassChoiceChangesTheConditionalSample(t *testing.T) {
	_, m, l := trainedForExplore(t, true)
	z := make([]float32, l.Dim) // z = 0: only the class differs
	three, seven := decodeOne(m, z, 3), decodeOne(m, z, 7)
	if d := maxDiff(three, seven); d < 0.01 {
		t.Fatalf("classes 3 and 7 decode z = 0 within %.4f of each other", d)
	}
	// synthData draws digit l as a stroke at column 4+2l: each class's
	// decode is brighter on its own column than on the other's.
	col := func(img []float32, x int) float64 {
		var s float64
		for y := 4; y < 24; y++ {
			s += float64(img[y*28+x])
		}
		return s
	}
	if col(three, 10) <= col(three, 18) || col(seven, 18) <= col(seven, 10) {
		t.Fatalf("class 3 decodes columns 10/18 as %.2f/%.2f, class 7 as %.2f/%.2f", col(three, 10), col(three, 18), col(seven, 10), col(seven, 18))
	}
	if maxDiff(decodeOne(m, z, 3), three) != 0 {
		t.Fatal("the same class decodes differently")
	}
}
