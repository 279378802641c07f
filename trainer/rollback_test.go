package trainer

import (
	"context"
	"fmt"
	"testing"

	"github.com/vaetop/vaetop/live"
)

// runWithHook runs o to the end on synthetic data, calling hook (on the
// training goroutine) before step number n+1 with n the steps done, and
// returns what a subscriber that read only at the end received.
func runWithHook(t *testing.T, o Options, hook func(tr *Trainer, stepsDone int64)) (steps []live.StepMetric, events []live.Event, hist []live.EpochMetric) {
	t.Helper()
	tr := mustNew(t, o, synthData(t, 200, 50))
	if hook != nil {
		tr.testHookStep = func() { hook(tr, tr.step) }
	}
	late := tr.Subscribe()
	if err := tr.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	for range late.C() {
		if s, ok := late.Next(); ok {
			steps = append(steps, s.Steps...)
			events = append(events, s.Events...)
			hist = s.EpochHistory
		}
	}
	return steps, events, hist
}

// sameSteps compares step figures bit for bit.
func sameSteps(t *testing.T, got, want []live.StepMetric) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d steps, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("step %d:\n%+v\nwant\n%+v", i+1, got[i], want[i])
		}
	}
}

func kinds(es []live.Event) []live.EventKind {
	var out []live.EventKind
	for _, e := range es {
		out = append(out, e.Kind)
	}
	return out
}

func findEvent(es []live.Event, k live.EventKind) (live.Event, bool) {
	for _, e := range es {
		if e.Kind == k {
			return e, true
		}
	}
	return live.Event{}, false
}

// A rollback in the middle of epoch 2 (or of epoch 1: back to the start)
// followed by a resume repeats exactly what the run did after the kept
// epoch ended, with BatchNorm and dropout noise included.
func TestRollbackRepeatsTheRunExactly(t *testing.T) {
	const perEpoch = (200 + 31) / 32
	for _, c := range []struct {
		name      string
		at        int64 // steps done when Rollback is sent
		keptEpoch int
	}{{"mid epoch 2", perEpoch + 3, 1}, {"before any epoch ended", 3, 0}} {
		t.Run(c.name, func(t *testing.T) {
			o := smallOptions()
			o.Epochs = 3
			o.Model.BatchNorm, o.Model.Dropout, o.Model.LatentDropout = true, 0.2, 0.1
			wantSteps, _, wantHist := runWithHook(t, o, nil)
			sent := false
			steps, events, hist := runWithHook(t, o, func(tr *Trainer, done int64) {
				if done == c.at && !sent {
					sent = true
					tr.Send(live.Rollback{})
					tr.Send(live.Resume{}) // handled in order: rolled back, then running
				}
			})
			sameSteps(t, steps, wantSteps)
			if len(hist) != len(wantHist) {
				t.Fatalf("%d epochs, want %d", len(hist), len(wantHist))
			}
			for i := range hist {
				if !sameFigures(hist[i], wantHist[i]) {
					t.Errorf("epoch %d:\n%+v\nwant\n%+v", i+1, hist[i], wantHist[i])
				}
			}
			e, ok := findEvent(events, live.EventRolledBack)
			if !ok || e.Epoch != c.keptEpoch || e.Step != int64(c.keptEpoch*perEpoch) {
				t.Errorf("events %v, rolled back %+v, want epoch %d", kinds(events), e, c.keptEpoch)
			}
		})
	}
}

// The user lowers the learning rate after a rollback; the run keeps it.
func TestRollbackKeepsLiveBetaAndLR(t *testing.T) {
	o := smallOptions()
	o.Epochs = 1000
	o.ExitWhenDone = false
	tr, sub, _ := startTrainer(t, o)
	waitFor(t, sub, "an epoch", func(s live.Snapshot) bool { return len(s.EpochHistory) >= 1 && s.StepInEpoch > 2 })
	tr.Send(live.Pause{})
	tr.Send(live.SetLR{LR: 2e-4})
	tr.Send(live.SetBeta{Beta: 0.5})
	tr.Send(live.Rollback{})
	s := waitFor(t, sub, "rolled back", func(s live.Snapshot) bool {
		_, ok := findEvent(s.Events, live.EventRolledBack)
		return ok
	})
	if s.State != live.Paused || s.LR != 2e-4 || s.Beta != 0.5 || s.StepInEpoch != 0 {
		t.Fatalf("after rollback: state %v, lr %g, β %g, step in epoch %d", s.State, s.LR, s.Beta, s.StepInEpoch)
	}
	p := s.RollbackPoint
	if s.Step != p.Step || len(s.EpochHistory) != p.Epoch || p.String() != fmt.Sprintf("the end of epoch %d", p.Epoch) {
		t.Fatalf("at step %d with %d epochs, rollback point %+v (%s)", s.Step, len(s.EpochHistory), p, p)
	}
	tr.Send(live.Resume{})
	s = waitFor(t, sub, "steps after resume", func(s live.Snapshot) bool { return s.Step > p.Step+2 })
	for _, m := range s.Steps {
		if m.Step > p.Step && (m.LR != 2e-4 || m.Beta != 0.5) {
			t.Fatalf("step %d used lr %g β %g", m.Step, m.LR, m.Beta)
		}
	}
}

// After the last epoch the kept state is the final one: a rollback changes
// nothing and the run stays finished.
func TestRollbackAfterFinishStaysFinished(t *testing.T) {
	o := smallOptions()
	o.ExitWhenDone = false
	tr, sub, _ := startTrainer(t, o)
	done := waitFor(t, sub, "finished", func(s live.Snapshot) bool { return s.State == live.Finished })
	tr.Send(live.Rollback{})
	s := waitFor(t, sub, "rolled back", func(s live.Snapshot) bool {
		_, ok := findEvent(s.Events, live.EventRolledBack)
		return ok
	})
	if s.State != live.Finished || s.Step != done.Step || len(s.EpochHistory) != o.Epochs {
		t.Fatalf("state %v at step %d with %d epochs, want finished at %d", s.State, s.Step, len(s.EpochHistory), done.Step)
	}
}
