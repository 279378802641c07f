package trainer

import (
	"testing"

	"github.com/vaetop/vaetop/live"
)

// The timeline holds the start, every TimelineEvery steps of the first
// epoch and every epoch's end; new test images start a new one.
func TestTimelineFrames(t *testing.T) {
	data := synthData(t, 3200, 40) // 100 steps an epoch at batch 32
	o := smallOptions()
	o.Epochs = 3
	tr := mustNew(t, o, data)
	var renewed bool
	var before []*live.Images
	tr.testHookStep = func() {
		if tr.epoch == 2 && !renewed {
			renewed, before = true, tr.timeline
			tr.handle(live.NewReconstructions{})
		}
	}
	runToEnd(t, tr)
	type frame struct {
		step  int64
		epoch int
	}
	var got []frame
	for _, im := range before {
		got = append(got, frame{im.Step, im.Epoch})
	}
	// Step 100 ends epoch 1: its end's frame replaces the step's.
	want := []frame{{0, 0}, {50, 0}, {100, 1}, {200, 2}}
	if len(got) != len(want) {
		t.Fatalf("frames %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("frames %v, want %v", got, want)
		}
	}
	set := before[0].Set
	for _, im := range before {
		if im.Set != set || im.N != 4 {
			t.Fatalf("frame of set %d with %d images in a timeline of set %d", im.Set, im.N, set)
		}
	}
	// After r: the new images as they were then, and the epoch-3 end, of a
	// new set.
	tl := tr.timeline
	if len(tl) != 2 || tl[0].Epoch != 2 || tl[1].Epoch != 3 || tl[0].Set == set || tl[1].Set != tl[0].Set {
		t.Fatalf("after new images: %d frames, first of epoch %d set %d", len(tl), tl[0].Epoch, tl[0].Set)
	}
}

// A roll-back forgets the frames it undid, without touching the slice a
// viewer already holds.
func TestTimelineRollsBack(t *testing.T) {
	data := synthData(t, 3200, 40)
	o := smallOptions()
	o.Epochs = 1
	tr := mustNew(t, o, data)
	var held []*live.Images
	tr.testHookStep = func() {
		if tr.step == 60 && held == nil {
			held = tr.timeline // frames at 0 and 50, no epoch ended
			tr.Send(live.Rollback{})
			tr.Send(live.Resume{})
		}
	}
	runToEnd(t, tr)
	if len(held) != 2 || held[1].Step != 50 {
		t.Fatalf("held %d frames", len(held))
	}
	// Training went on from step 0: frames 0, 50 (again), 100 (epoch end).
	var steps []int64
	for _, im := range tr.timeline {
		steps = append(steps, im.Step)
	}
	if len(steps) != 3 || steps[0] != 0 || steps[1] != 50 || steps[2] != 100 {
		t.Fatalf("frames at steps %v, want [0 50 100]", steps)
	}
	if held[1] == tr.timeline[1] {
		t.Fatal("the frame at step 50 after the roll-back is the undone one")
	}
}

// NewReconstructions with Indices shows those test images (so runs compared
// side by side reconstruct the same ones); an index out of range falls back
// to the run's own random pick.
func TestNewReconstructionsIndices(t *testing.T) {
	data := synthData(t, 320, 40)
	o := smallOptions()
	a, b := mustNew(t, o, data), mustNew(t, o, data)
	idx := []int{39, 3, 17, 0, 5, 6} // more than ReconCount: the first are used
	a.handle(live.NewReconstructions{Indices: idx})
	b.handle(live.NewReconstructions{Indices: idx})
	n := min(o.ReconCount, len(idx))
	for _, tr := range []*Trainer{a, b} {
		if len(tr.reconIdx) != n || tr.recon.N != n {
			t.Fatalf("%d images shown, want %d", len(tr.reconIdx), n)
		}
		for i := range n {
			if tr.reconIdx[i] != idx[i] {
				t.Fatalf("shown %v, want the first %d of %v", tr.reconIdx, n, idx)
			}
		}
	}
	a.handle(live.NewReconstructions{Indices: []int{1}}) // a short batch
	a.handle(live.NewReconstructions{Indices: []int{1, 40}})
	for _, i := range a.reconIdx {
		if i < 0 || i >= 40 {
			t.Fatalf("index %d out of range taken", i)
		}
	}
	if len(a.reconIdx) != min(o.ReconCount, 40) {
		t.Fatalf("the fallback shows %d images", len(a.reconIdx))
	}
	if a.Info().TestSize != 40 {
		t.Errorf("TestSize %d, want 40", a.Info().TestSize)
	}
}
