package trainer

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vaetop/vaetop/live"
)

// A subscriber that reads only at the end still gets every event once, in
// order, however the snapshots were coalesced; one that reads along gets
// the same.
func TestEventsReachLateAndEagerSubscribers(t *testing.T) {
	o := smallOptions()
	o.Epochs = 3
	o.Checkpoint = filepath.Join(t.TempDir(), "ck")
	tr := mustNew(t, o, synthData(t, 200, 50))
	late := tr.Subscribe()
	eager := tr.Subscribe()
	eagerEvents := make(chan []live.Event, 1)
	go func() {
		var got []live.Event
		for range eager.C() {
			if s, ok := eager.Next(); ok {
				got = append(got, s.Events...)
			}
		}
		eagerEvents <- got
	}()
	if err := tr.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	var lateEvents []live.Event
	for range late.C() {
		if s, ok := late.Next(); ok {
			lateEvents = append(lateEvents, s.Events...)
		}
	}
	want := []live.EventKind{live.EventCheckpointSaved, live.EventCheckpointSaved, live.EventCheckpointSaved, live.EventFinished}
	for name, got := range map[string][]live.Event{"late": lateEvents, "eager": <-eagerEvents} {
		if len(got) != len(want) {
			t.Fatalf("%s subscriber got %v, want %v", name, kinds(got), want)
		}
		for i, e := range got {
			if e.Kind != want[i] {
				t.Fatalf("%s subscriber got %v, want %v", name, kinds(got), want)
			}
		}
		if e := got[1]; e.Epoch != 2 || e.Step != 2*7 || e.Text != fmt.Sprintf("saved epoch 2 to %q", o.Checkpoint) {
			t.Errorf("%s: second save %+v", name, e)
		}
	}
	// A viewer joining after the end starts with the recent events.
	after := tr.Subscribe()
	<-after.C()
	if s, _ := after.Next(); len(s.Events) != len(want) {
		t.Errorf("a new subscriber got %v", kinds(s.Events))
	}
}

// The checkpoint's directory disappears during epoch 2: its save fails,
// viewers hear of it before the next step, and training goes on.
func TestEpochSaveFailureIsToldAtOnce(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the final save falls back to
	dir := filepath.Join(tmp, "run")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	o := smallOptions()
	o.Epochs = 3
	o.Checkpoint = filepath.Join(dir, "ck")
	tr := mustNew(t, o, synthData(t, 200, 50))
	sub := tr.Subscribe()
	var events []live.Event
	var toldBy int64 = -1
	tr.testHookStep = func() {
		if tr.step == 8 {
			os.RemoveAll(dir)
		}
		if s, ok := sub.Next(); ok {
			events = append(events, s.Events...)
		}
		if _, ok := findEvent(events, live.EventSaveFailed); ok && toldBy < 0 {
			toldBy = tr.step
		}
	}
	err := tr.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), o.Checkpoint) {
		t.Fatalf("Run returned %v, want the final save's failure", err)
	}
	if len(tr.history) != 3 {
		t.Fatalf("training stopped after %d epochs", len(tr.history))
	}
	if toldBy != 14 { // the failure happens as epoch 2 ends, after step 14
		t.Fatalf("save failure seen at step %d (events %v), want 14", toldBy, kinds(events))
	}
	e, _ := findEvent(events, live.EventSaveFailed)
	if e.Epoch != 2 || !strings.Contains(e.Text, "epoch 2 not saved") || !strings.Contains(e.Text, "training continues") {
		t.Errorf("save failure event %+v", e)
	}
}

// After a NaN pause the message points to Rollback, and following its
// advice (roll back, lower the learning rate and β, resume) trains on.
func TestNaNAdviceWorks(t *testing.T) {
	o := smallOptions()
	o.Epochs = 1000
	o.ExitWhenDone = false
	tr := mustNew(t, o, synthData(t, 400, 50))
	tr.beta, tr.lr = 1000, 10 // blows the model up quickly
	sub := tr.Subscribe()
	done := make(chan error, 1)
	go func() { done <- tr.Run(context.Background()) }()
	defer func() { tr.Send(live.Stop{}); <-done }()
	var nan live.Event
	s := waitFor(t, sub, "NaN pause", func(s live.Snapshot) bool {
		e, ok := findEvent(s.Events, live.EventNaNPause)
		nan = e
		return ok
	})
	if s.State != live.Paused || nan.Step != s.Step+1 || nan.Epoch != s.RollbackPoint.Epoch {
		t.Fatalf("state %v at step %d, event %+v, rollback point %+v", s.State, s.Step, nan, s.RollbackPoint)
	}
	if !strings.HasPrefix(s.Message, nan.Text) || !strings.Contains(s.Message, "roll back to "+s.RollbackPoint.String()) {
		t.Errorf("message %q", s.Message)
	}
	tr.Send(live.Rollback{})
	tr.Send(live.SetLR{LR: 1e-3})
	tr.Send(live.SetBeta{Beta: 1})
	tr.Send(live.Resume{})
	at := s.RollbackPoint.Step
	s = waitFor(t, sub, "training after the advice", func(s live.Snapshot) bool { return s.Step > at+20 })
	if s.State != live.Running {
		t.Fatalf("state %v after following the advice", s.State)
	}
	for _, m := range s.Steps {
		if math.IsNaN(m.Loss) {
			t.Fatalf("NaN at step %d after the rollback", m.Step)
		}
	}
}

// Keeping the last epoch costs the training step nothing per step.
func TestTrainStepAllocatesNothing(t *testing.T) {
	o := smallOptions()
	tr := mustNew(t, o, synthData(t, 2000, 50))
	tr.keep()
	tr.startEpoch()
	tr.trainStep() // warm-up
	if n := testing.AllocsPerRun(20, tr.trainStep); n != 0 {
		t.Errorf("trainStep allocates %v times, want 0", n)
	}
}
