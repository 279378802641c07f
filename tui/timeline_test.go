package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/live"
)

// frameImages is a set of 16 reconstructions whose pixels all equal v, so
// each frame draws differently.
func frameImages(version, set int, step int64, epoch int, v float32) *live.Images {
	im := testImages(16, version, true)
	for i := range im.Pixels {
		im.Pixels[i] = v
	}
	im.Set, im.Step, im.Epoch = set, step, epoch
	return im
}

func timelineSnapshot(set int, frames ...*live.Images) live.Snapshot {
	s := fakeSnapshot(1, 40)
	s.Timeline = frames
	s.Recon = frameImages(100, set, 140, 2, 0.9) // live: newer than every frame
	return s
}

func TestTimelineStepsThroughFrames(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	frames := []*live.Images{frameImages(1, 1, 0, 0, 0.1), frameImages(2, 1, 50, 0, 0.4), frameImages(3, 1, 100, 1, 0.7)}
	m.Update(snapshotMsg{snap: timelineSnapshot(1, frames...), ok: true})
	liveScreen := frameText(m)
	if !strings.Contains(liveScreen, "live · ,/. 3 frames") {
		t.Fatalf("live title missing:\n%s", liveScreen)
	}
	press(m, ",")
	s := frameText(m)
	if !strings.Contains(s, "epoch 1 · step 100") || !strings.Contains(s, "frame 3/3") {
		t.Fatalf("after ',': no label of the newest frame:\n%s", s)
	}
	if s == liveScreen {
		t.Fatal("the frame draws like the live images")
	}
	press(m, ",", ",")
	if s := frameText(m); !strings.Contains(s, "epoch 0 · start") || !strings.Contains(s, "frame 1/3") {
		t.Fatalf("two more ',': not on the first frame:\n%s", s)
	}
	press(m, ",") // stays, says so
	if s := frameText(m); !strings.Contains(s, "frame 1/3") || !strings.Contains(s, "this is the first frame") {
		t.Fatalf("',' on the first frame:\n%s", s)
	}
	press(m, ".")
	if s := frameText(m); !strings.Contains(s, "epoch 0 · step 50") {
		t.Fatalf("'.': not on the second frame:\n%s", s)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyEnd})
	if s := frameText(m); !strings.Contains(s, "live · ,/.") {
		t.Fatalf("end: not live:\n%s", s)
	}
	// A newer snapshot keeps the frame chosen; new test images (r) end it.
	press(m, ",")
	m.Update(snapshotMsg{snap: timelineSnapshot(1, append(frames, frameImages(4, 1, 150, 1, 0.8))...), ok: true})
	if s := frameText(m); !strings.Contains(s, "frame 3/4") {
		t.Fatalf("a new frame moved the one shown:\n%s", s)
	}
	m.Update(snapshotMsg{snap: timelineSnapshot(2, frameImages(5, 2, 160, 1, 0.2)), ok: true})
	if s := frameText(m); !strings.Contains(s, "live · ,/. 1 frame") {
		t.Fatalf("new test images did not return to live:\n%s", s)
	}
	checkFrame(t, m, 120, 40)
}

func TestTimelineKeysAreInTheHelp(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	press(m, "?")
	s := frameText(m)
	for _, want := range []string{"earlier reconstructions", "later reconstructions", "live reconstructions"} {
		if !strings.Contains(s, want) {
			t.Fatalf("help lacks %q:\n%s", want, s)
		}
	}
}

// The trainer thins a long timeline, so frames move and go: the pane stays
// on the frame it shows, or moves to the newest frame before it.
func TestTimelineFollowsThinning(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	frame := func(version int, step int64) *live.Images {
		return frameImages(version, 1, step, int(step/10), float32(version)/10)
	}
	m.Update(snapshotMsg{snap: timelineSnapshot(1, frame(1, 0), frame(2, 10), frame(3, 20), frame(4, 30), frame(5, 40)), ok: true})
	press(m, ",", ",") // the newest, then step 30
	if s := frameText(m); !strings.Contains(s, "epoch 3 · step 30") || !strings.Contains(s, "frame 4/5") {
		t.Fatalf("two ',': not on step 30:\n%s", s)
	}
	// Steps 10 and 40 thinned away, step 50 new: still step 30, now third.
	m.Update(snapshotMsg{snap: timelineSnapshot(1, frame(1, 0), frame(3, 20), frame(4, 30), frame(6, 50)), ok: true})
	if s := frameText(m); !strings.Contains(s, "epoch 3 · step 30") || !strings.Contains(s, "frame 3/4") {
		t.Fatalf("after thinning: not on step 30:\n%s", s)
	}
	press(m, ",")
	if s := frameText(m); !strings.Contains(s, "epoch 2 · step 20") || !strings.Contains(s, "frame 2/4") {
		t.Fatalf("',' after thinning: not on step 20:\n%s", s)
	}
	// Step 20 thinned away: the newest frame before it.
	m.Update(snapshotMsg{snap: timelineSnapshot(1, frame(1, 0), frame(4, 30), frame(6, 50), frame(7, 60)), ok: true})
	if s := frameText(m); !strings.Contains(s, "epoch 0 · start") || !strings.Contains(s, "frame 1/4") {
		t.Fatalf("the frame shown thinned away: not on the one before:\n%s", s)
	}
	press(m, ".")
	if s := frameText(m); !strings.Contains(s, "epoch 3 · step 30") || !strings.Contains(s, "frame 2/4") {
		t.Fatalf("'.': not on step 30:\n%s", s)
	}
	// A roll-back to before the frame shown: live.
	m.Update(snapshotMsg{snap: timelineSnapshot(1, frame(1, 0)), ok: true})
	if s := frameText(m); !strings.Contains(s, "live · ,/. 1 frame") {
		t.Fatalf("the frame shown rolled back: not live:\n%s", s)
	}
	checkFrame(t, m, 120, 40)
}
