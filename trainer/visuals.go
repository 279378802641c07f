package trainer

import (
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/nn"
)

// pickReconstructions chooses which test images are shown next to their
// reconstructions: the given ones when they are all in range (a viewer
// comparing runs sends each the same), else a random batch.
func (t *Trainer) pickReconstructions(given []int) {
	n := min(t.opts.ReconCount, t.data.Test.Len())
	t.reconSet++
	t.timeline = nil // new images, a new timeline
	if len(given) > 0 && n > 0 && t.reconIdx != nil && inRange(given, t.data.Test.Len()) {
		t.reconIdx = append([]int(nil), given[:min(len(given), n)]...)
		return
	}
	if t.reconIdx == nil {
		// Start with the first test images, the ones the tutorial shows.
		t.reconIdx = make([]int, n)
		for i := range t.reconIdx {
			t.reconIdx[i] = i
		}
		return
	}
	t.reconIdx = make([]int, n) // a given batch may have been shorter
	for i := range t.reconIdx {
		t.reconIdx[i] = t.visual.IntN(t.data.Test.Len())
	}
}

func inRange(idx []int, n int) bool {
	for _, i := range idx {
		if i < 0 || i >= n {
			return false
		}
	}
	return true
}

// drawSampleZ draws the fixed z of the sample grid; redrawing only on
// request lets a viewer watch the same samples sharpen as training goes.
// For a conditional model label picks the digit (-1: one digit per row).
func (t *Trainer) drawSampleZ(label int) {
	n, L := t.opts.SampleCount, t.opts.Model.Latent
	t.sampleZ = make([]float32, n*L)
	for i := range t.sampleZ {
		t.sampleZ[i] = t.visual.Normal()
	}
	t.sampleLabels = make([]uint8, n)
	for i := range t.sampleLabels {
		if label >= 0 && label < nn.Classes {
			t.sampleLabels[i] = uint8(label)
		} else {
			t.sampleLabels[i] = uint8((i / 8) % nn.Classes)
		}
	}
}

func (t *Trainer) maybeRefreshVisuals() {
	if time.Since(t.lastVisual) >= t.opts.VisualInterval {
		t.refreshVisuals()
	}
}

func (t *Trainer) refreshVisuals() {
	t.refreshRecon()
	t.refreshSamples()
	t.lastVisual = time.Now()
}

// refreshRecon publishes new reconstructions of the chosen test images
// from the current weights.
func (t *Trainer) refreshRecon() {
	test := t.data.Test
	in := t.opts.Model.Input
	n := len(t.reconIdx)
	im := &live.Images{N: n, W: test.Images.Cols, H: test.Images.Rows,
		Pixels: make([]float32, n*in), Originals: make([]float32, n*in), Labels: make([]uint8, n)}
	test.Images.Fill(im.Originals, t.reconIdx)
	for i, j := range t.reconIdx {
		im.Labels[i] = test.Labels[j]
	}
	t.model.Reconstruct(nn.Mat{Rows: n, Cols: in, Data: im.Originals}, im.Labels, im.Pixels)
	t.visualVer++
	im.Version, im.Set, im.Step, im.Epoch = t.visualVer, t.reconSet, t.step, t.epoch
	t.recon = im
}

// keyframe refreshes the reconstructions and adds them to the timeline,
// thinned so that a run of any length keeps at most timelineCap frames
// (thinTimeline). A viewer may hold the published slice, so only appends
// share its array: a replaced or dropped frame means a new slice.
func (t *Trainer) keyframe() {
	t.refreshRecon()
	if n := len(t.timeline); n > 0 && t.timeline[n-1].Step == t.step {
		// Same step (an epoch's end on a step frame, a resumed start): replace.
		tl := append([]*live.Images(nil), t.timeline...)
		tl[n-1] = t.recon
		t.timeline = tl
		return
	}
	t.timeline = thinTimeline(append(t.timeline, t.recon))
}

// trimTimeline forgets the frames after the current step (a roll-back
// undid them), in a new slice: viewers may hold the old one.
func (t *Trainer) trimTimeline() {
	keep := 0
	for keep < len(t.timeline) && t.timeline[keep].Step <= t.step {
		keep++
	}
	t.timeline = append([]*live.Images(nil), t.timeline[:keep]...)
}

// refreshSamples decodes the sample grid's z with the current weights.
func (t *Trainer) refreshSamples() {
	n, L := t.opts.SampleCount, t.opts.Model.Latent
	test := t.data.Test
	im := &live.Images{N: n, W: test.Images.Cols, H: test.Images.Rows,
		Pixels: make([]float32, n*t.opts.Model.Input), Labels: append([]uint8(nil), t.sampleLabels...)}
	t.model.Decode(nn.Mat{Rows: n, Cols: L, Data: t.sampleZ}, im.Labels, im.Pixels)
	t.visualVer++
	im.Version = t.visualVer
	t.samples = im
}
