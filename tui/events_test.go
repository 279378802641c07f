package tui

import (
	"strings"
	"testing"

	"github.com/vaetop/vaetop/live"
)

// nanSnapshot is a run paused by a NaN at step 42, kept state at the end
// of epoch 2.
func nanSnapshot() live.Snapshot {
	s := fakeSnapshot(41, 41)
	s.State = live.Paused
	s.RollbackPoint = live.RollbackPoint{Epoch: 2, Step: 32}
	s.Events = []live.Event{{Kind: live.EventNaNPause, Step: 42, Epoch: 2,
		Text: "non-finite loss and gradient norm at step 42 (loss NaN, grad norm +Inf): paused before the update."}}
	return s
}

// words is s with every run of spaces and line breaks made one space, so
// that a wrapped sentence reads as it was written.
func words(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestNaNPauseAdviceShownWhole(t *testing.T) {
	want := "non-finite loss and gradient norm at step 42 (loss NaN, grad norm +Inf): paused before the update. " +
		"Press R to roll back to the end of epoch 2, lower lr (<) or β (b), then resume (space)."
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m, _ := newTestModel(t, size[0], size[1])
		m.Update(snapshotMsg{snap: nanSnapshot(), ok: true})
		checkFrame(t, m, size[0], size[1])
		v := frameText(m)
		if !strings.Contains(words(v), want) || !strings.Contains(v, "|| paused") {
			t.Errorf("%dx%d: NaN advice not shown whole:\n%s", size[0], size[1], v)
		}
		// Resumed (the step moved on): the advice goes and the panes get
		// their rows back.
		s := fakeSnapshot(41, 45)
		m.Update(snapshotMsg{snap: s, ok: true})
		checkFrame(t, m, size[0], size[1])
		if strings.Contains(words(frameText(m)), "Press R") || m.lay.msgRows != 0 {
			t.Errorf("%dx%d: advice still shown after the run moved on", size[0], size[1])
		}
	}
}

func TestRollbackKey(t *testing.T) {
	m, f := newTestModel(t, 120, 40)
	m.Update(snapshotMsg{snap: nanSnapshot(), ok: true})
	press(m, "R")
	if got := f.commands(); len(got) != 1 || got[0] != (live.Rollback{}) {
		t.Fatalf("R sent %#v", got)
	}
	if !strings.Contains(frameText(m), "rolling back to the end of epoch 2") {
		t.Errorf("R not acknowledged:\n%s", frameText(m))
	}
	// The trainer rolls back to step 32 and trains steps 33.. again: the
	// charts drop the undone steps 33..41 rather than skip the new ones.
	s := fakeSnapshot(33, 36)
	s.State = live.Paused
	s.Events = []live.Event{{Kind: live.EventRolledBack, Step: 32, Epoch: 2,
		Text: "rolled back to the end of epoch 2 (step 32), keeping β 1 and learning rate 0.001; paused"}}
	m.Update(snapshotMsg{snap: s, ok: true})
	if n := len(m.cur.hist.steps); n != 36 || m.cur.hist.steps[n-1] != 36 || len(m.cur.hist.loss.raw) != 36 {
		t.Fatalf("history has %d steps ending at %v", n, m.cur.hist.steps[n-1])
	}
	v := words(frameText(m))
	if !strings.Contains(v, "rolled back to the end of epoch 2 (step 32)") || strings.Contains(v, "Press R") {
		t.Errorf("rollback not shown:\n%s", frameText(m))
	}
}

func TestSaveKeyWithoutCheckpointSaysSo(t *testing.T) {
	m, f := newTestModel(t, 80, 24)
	press(m, "c")
	if len(f.commands()) != 0 {
		t.Fatalf("c sent %#v with no checkpoint path", f.commands())
	}
	if !strings.Contains(frameText(m), "no --checkpoint FILE given: nothing to save to") {
		t.Errorf("c without a checkpoint is silent:\n%s", frameText(m))
	}
	checkFrame(t, m, 80, 24)
	info := fakeInfo()
	info.Caps.Save = true
	m, f = newTestModelOf(t, 80, 24, info)
	press(m, "c")
	if got := f.commands(); len(got) != 1 || got[0] != (live.SaveCheckpoint{}) {
		t.Fatalf("c sent %#v", got)
	}
}

func TestSaveEventsShown(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	s := fakeSnapshot(41, 48)
	fail := "epoch 3 not saved: checkpoint /gone/run.ckpt: open /gone/.run.ckpt.tmp1: no such file or directory; training continues"
	s.Events = []live.Event{{Kind: live.EventSaveFailed, Step: 48, Epoch: 3, Text: fail}}
	m.Update(snapshotMsg{snap: s, ok: true})
	checkFrame(t, m, 120, 40)
	if !strings.Contains(words(frameText(m)), fail) {
		t.Fatalf("save failure not shown whole:\n%s", frameText(m))
	}
	// It stays (it is not a fading note) until a save works.
	m.Update(snapshotMsg{snap: fakeSnapshot(49, 60), ok: true})
	if !strings.Contains(words(frameText(m)), fail) {
		t.Fatal("save failure gone before a save worked")
	}
	s = fakeSnapshot(61, 64)
	s.Events = []live.Event{{Kind: live.EventCheckpointSaved, Step: 64, Epoch: 4, Text: "saved epoch 4 to run.ckpt"}}
	m.Update(snapshotMsg{snap: s, ok: true})
	v := frameText(m)
	if strings.Contains(words(v), "not saved") || !strings.Contains(v, "saved epoch 4 to run.ckpt") {
		t.Errorf("after a good save:\n%s", v)
	}
}

// A run resumed without a checkpoint to save to says so while it trains;
// one that saves, or a fresh run, does not.
func TestResumedWithoutCheckpointSaysNotSaving(t *testing.T) {
	for _, c := range []struct {
		resumed, save, want bool
	}{{true, false, true}, {true, true, false}, {false, false, false}} {
		info := fakeInfo()
		info.Resumed, info.Caps.Save = c.resumed, c.save
		m, _ := newTestModelOf(t, 120, 40, info)
		m.Update(snapshotMsg{snap: fakeSnapshot(41, 48), ok: true})
		if got := strings.Contains(frameText(m), "not saving: resumed without --checkpoint"); got != c.want {
			t.Errorf("resumed %v, save %v: warning shown %v\n%s", c.resumed, c.save, got, frameText(m))
		}
		checkFrame(t, m, 120, 40)
	}
}
