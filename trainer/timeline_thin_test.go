package trainer

import (
	"slices"
	"testing"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/nn"
)

// A long run keeps a bounded timeline that still spans it: thousands of
// one-step epochs, each ending with a frame, leave at most timelineCap
// frames from the start to the last step, spread over the run, and never
// change a slice a viewer holds.
func TestTimelineBoundedOverLongRun(t *testing.T) {
	const epochs = 3000
	data := synthData(t, 32, 8) // one step an epoch at batch 32
	o := smallOptions()
	o.Epochs = epochs
	o.ReconCount, o.SampleCount = 2, 2
	o.Model.Hidden, o.Model.Latent = []int{8}, 2
	tr := mustNew(t, o, data)
	most := 0
	var held, heldCopy []*live.Images
	tr.testHookStep = func() {
		most = max(most, len(tr.timeline))
		if tr.step == 1000 {
			held, heldCopy = tr.timeline, slices.Clone(tr.timeline)
		}
	}
	runToEnd(t, tr)
	tl := tr.timeline
	if tr.step != epochs {
		t.Fatalf("ran %d steps, want %d", tr.step, epochs)
	}
	most = max(most, len(tl))
	if most > timelineCap || timelineCap > 200 {
		t.Fatalf("the timeline held %d frames (cap %d) over %d epochs", most, timelineCap, epochs)
	}
	if len(tl) < timelineCap/2 {
		t.Errorf("only %d frames kept of %d", len(tl), epochs+1)
	}
	if tl[0].Step != 0 || tl[len(tl)-1].Step != epochs || tl[len(tl)-1].Epoch != epochs {
		t.Fatalf("frames span steps %d..%d (epoch %d), want 0..%d", tl[0].Step, tl[len(tl)-1].Step, tl[len(tl)-1].Epoch, epochs)
	}
	// Every frame of the first epochs, then about evenly spread.
	maxGap := int64(0)
	for i := 1; i < len(tl); i++ {
		gap := tl[i].Step - tl[i-1].Step
		if gap <= 0 {
			t.Fatalf("frame %d at step %d after step %d", i, tl[i].Step, tl[i-1].Step)
		}
		if i < timelineHead && gap != 1 {
			t.Fatalf("head frame %d at step %d, want %d", i, tl[i].Step, i)
		}
		maxGap = max(maxGap, gap)
	}
	if limit := int64(2 * epochs / timelineWindows); maxGap > limit {
		t.Errorf("frames up to %d steps apart, want at most %d", maxGap, limit)
	}
	for i := range held {
		if held[i] != heldCopy[i] {
			t.Fatalf("frame %d of a slice published at step 1000 was changed", i)
		}
	}
	t.Logf("%d epochs: %d frames (at most %d during the run), at most %d steps apart", epochs, len(tl), most, maxGap)
}

// The thinning rule itself, over frame sequences like a run's: thinned
// after every new frame (as keyframe does), the timeline stays within the
// cap, keeps its head, first and newest frames, never writes a slice it
// was given, and ends as thinning every frame at once would.
func TestThinTimelineRule(t *testing.T) {
	rng := nn.NewRNG(7, 1)
	runs := map[string]func(i int) int64{ // gap before frame i
		"one step an epoch": func(int) int64 { return 1 },
		"full MNIST at batch 128": func(i int) int64 { // every 50 steps of epoch 1, then its end at 469, then every 469
			switch {
			case i <= 9:
				return 50
			case i == 10:
				return 19
			}
			return 469
		},
		"irregular": func(int) int64 { return 1 + int64(rng.IntN(1000)) },
	}
	for name, gap := range runs {
		t.Run(name, func(t *testing.T) {
			var all, tl []*live.Images
			step := int64(0)
			for i := range 20000 {
				if i > 0 {
					step += gap(i)
				}
				im := &live.Images{Version: i, Step: step}
				all = append(all, im)
				held, heldCopy := tl, slices.Clone(tl)
				tl = thinTimeline(append(tl, im))
				if !slices.Equal(held, heldCopy) {
					t.Fatalf("frame %d: thinning changed the slice it was given", i)
				}
				checkThinned(t, tl, all)
			}
			if want := thinTimeline(all); !slices.Equal(tl, want) {
				t.Fatalf("thinned frame by frame: %d frames; all at once: %d", len(tl), len(want))
			}
			span := tl[len(tl)-1].Step - tl[timelineHead].Step
			w := timelineWindow(span)
			if ceil := (span + w - 1) / w; ceil > timelineWindows || (w > 1 && (span+w/2-1)/(w/2) <= timelineWindows) {
				t.Fatalf("window %d for a span of %d: not the smallest with at most %d windows", w, span, timelineWindows)
			}
			if name != "irregular" && len(tl) < timelineHead+timelineWindows/2 {
				t.Errorf("%d frames kept, want at least %d", len(tl), timelineHead+timelineWindows/2)
			}
			t.Logf("%d frames over %d steps: %d kept, window %d steps", len(all), step, len(tl), w)
		})
	}
}

// checkThinned checks a thinned timeline against every frame it came from.
func checkThinned(t *testing.T, tl, all []*live.Images) {
	t.Helper()
	if len(tl) > timelineCap {
		t.Fatalf("%d frames: %d kept, more than %d", len(all), len(tl), timelineCap)
	}
	if tl[0] != all[0] || tl[len(tl)-1] != all[len(all)-1] {
		t.Fatalf("%d frames: the first or the newest is gone", len(all))
	}
	for i := range min(timelineHead, len(all)) {
		if tl[i] != all[i] {
			t.Fatalf("%d frames: head frame %d is gone", len(all), i)
		}
	}
	for i := 1; i < len(tl); i++ {
		if tl[i].Step <= tl[i-1].Step {
			t.Fatalf("%d frames: steps %d then %d", len(all), tl[i-1].Step, tl[i].Step)
		}
	}
}

// Timelines within the cap whose frames are one step apart lose none; one
// frame more and they are thinned.
func TestThinTimelineShort(t *testing.T) {
	var tl []*live.Images
	for i := range timelineCap {
		tl = append(tl, &live.Images{Step: int64(i)})
	}
	if got := thinTimeline(tl); len(got) != len(tl) || &got[0] != &tl[0] {
		t.Fatalf("%d frames one step apart: %d kept, or copied", len(tl), len(got))
	}
	tl = append(tl, &live.Images{Step: timelineCap})
	got := thinTimeline(tl)
	if len(got) >= len(tl) || &got[0] == &tl[0] {
		t.Fatalf("%d frames: %d kept, in the same array", len(tl), len(got))
	}
	checkThinned(t, got, tl)
}

// A roll-back drops the newest frames (trimTimeline); training on adds new
// ones at the same steps. The timeline stays bounded and spanning.
func TestThinTimelineAfterRollBacks(t *testing.T) {
	rng := nn.NewRNG(3, 1)
	tr := &Trainer{}
	var all []*live.Images
	for i := range 20000 {
		if i%1500 == 1499 { // roll back up to 700 steps
			tr.step -= int64(rng.IntN(700))
			tr.trimTimeline()
			for len(all) > 0 && all[len(all)-1].Step > tr.step {
				all = all[:len(all)-1]
			}
		}
		if i > 0 {
			tr.step++
		}
		if n := len(tr.timeline); n > 0 && tr.timeline[n-1].Step == tr.step {
			continue // the frame of the step rolled back to is there
		}
		im := &live.Images{Version: i, Step: tr.step}
		all = append(all, im)
		tr.timeline = thinTimeline(append(tr.timeline, im))
		if len(tr.timeline) > timelineCap || tr.timeline[0] != all[0] || tr.timeline[len(tr.timeline)-1] != im {
			t.Fatalf("step %d: %d frames, first at step %d", tr.step, len(tr.timeline), tr.timeline[0].Step)
		}
		for j := 1; j < len(tr.timeline); j++ {
			if tr.timeline[j].Step <= tr.timeline[j-1].Step {
				t.Fatalf("step %d: frames at steps %d then %d", tr.step, tr.timeline[j-1].Step, tr.timeline[j].Step)
			}
		}
	}
}
