package trainer

import (
	"context"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/nn"
)

// waitFor reads snapshots until cond holds or the deadline passes.
func waitFor(t *testing.T, sub *live.Subscription, what string, cond func(live.Snapshot) bool) live.Snapshot {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case _, open := <-sub.C():
			snap, ok := sub.Next()
			if ok && cond(snap) {
				return snap
			}
			if !open {
				t.Fatalf("trainer stopped while waiting for %s", what)
			}
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func startTrainer(t *testing.T, o Options) (*Trainer, *live.Subscription, chan error) {
	t.Helper()
	tr := mustNew(t, o, synthData(t, 400, 50))
	sub := tr.Subscribe()
	done := make(chan error, 1)
	go func() { done <- tr.Run(context.Background()) }()
	t.Cleanup(func() {
		tr.Send(live.Stop{})
		<-done
	})
	return tr, sub, done
}

func TestCommandsPauseBetaSamplesStop(t *testing.T) {
	o := smallOptions()
	o.Epochs = 1000
	o.ExitWhenDone = false
	o.Checkpoint = filepath.Join(t.TempDir(), "ck.vae")
	tr, sub, done := startTrainer(t, o)

	waitFor(t, sub, "some steps", func(s live.Snapshot) bool { return s.Step > 5 })
	tr.Send(live.Pause{})
	paused := waitFor(t, sub, "paused", func(s live.Snapshot) bool { return s.State == live.Paused })
	time.Sleep(50 * time.Millisecond)
	// The step count must not move while paused; queries still work.
	mu, _, err := tr.Encode(context.Background(), make([]float32, 2*784), nil)
	if err != nil || len(mu) != 2*o.Model.Latent {
		t.Fatalf("Encode while paused: %v, %d values", err, len(mu))
	}
	tr.Send(live.SetBeta{Beta: 2.5})
	s := waitFor(t, sub, "beta 2.5", func(s live.Snapshot) bool { return s.Beta == 2.5 })
	if s.Step != paused.Step {
		t.Errorf("steps moved while paused: %d -> %d", paused.Step, s.Step)
	}
	ver := s.Samples.Version
	tr.Send(live.NewSamples{Label: -1})
	waitFor(t, sub, "new samples", func(s live.Snapshot) bool { return s.Samples.Version > ver })
	tr.Send(live.SetLR{LR: 5e-4})
	waitFor(t, sub, "lr", func(s live.Snapshot) bool { return s.LR == 5e-4 })

	tr.Send(live.Resume{})
	s = waitFor(t, sub, "steps after resume", func(s live.Snapshot) bool { return s.Step > paused.Step+3 })
	for _, m := range s.Steps {
		if m.Step > paused.Step && m.Beta != 2.5 {
			t.Fatalf("step %d used beta %g, want 2.5", m.Step, m.Beta)
		}
	}
	tr.Send(live.Stop{})
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	done <- nil // for the cleanup
	if _, err := ReadCheckpoint(o.Checkpoint); err != nil {
		t.Errorf("no checkpoint after Stop: %v", err)
	}
	if _, err := tr.Decode(context.Background(), make([]float32, o.Model.Latent), nil); err != ErrStopped {
		t.Errorf("query after stop: %v, want ErrStopped", err)
	}
}

func TestSlowViewerDoesNotBlockAndGetsEveryStep(t *testing.T) {
	o := smallOptions()
	o.Epochs = 3
	tr := mustNew(t, o, synthData(t, 400, 50))
	slow := tr.Subscribe() // never read until the end
	if err := tr.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	var steps []live.StepMetric
	var last live.Snapshot
	for range slow.C() {
		s, ok := slow.Next()
		if ok {
			steps = append(steps, s.Steps...)
			last = s
		}
	}
	want := int64(3 * ((400 + 31) / 32))
	if int64(len(steps)) != want || steps[len(steps)-1].Step != want {
		t.Fatalf("viewer got %d steps, want %d", len(steps), want)
	}
	if last.State != live.Stopped || len(last.EpochHistory) != 3 {
		t.Errorf("last snapshot: state %v, %d epochs", last.State, len(last.EpochHistory))
	}
	late := tr.Subscribe() // joins after the end: gets the whole history
	<-late.C()
	if s, _ := late.Next(); len(s.Steps) != int(want) {
		t.Errorf("late viewer got %d steps, want %d", len(s.Steps), want)
	}
}

func TestNaNPausesWithoutCorruptingWeights(t *testing.T) {
	o := smallOptions()
	o.Epochs = 1000
	o.ExitWhenDone = false
	tr := mustNew(t, o, synthData(t, 400, 50))
	// A huge β with a huge learning rate blows the model up quickly.
	tr.beta, tr.lr = 1000, 10
	sub := tr.Subscribe()
	done := make(chan error, 1)
	go func() { done <- tr.Run(context.Background()) }()
	s := waitFor(t, sub, "NaN pause", func(s live.Snapshot) bool { return s.State == live.Paused })
	if s.Message == "" {
		t.Error("NaN pause without a message")
	}
	err := tr.do(context.Background(), func(_ *nn.VAE, _ *nn.RNG) {})
	if err != nil {
		t.Fatal(err)
	}
	var bad bool
	tr.do(context.Background(), func(m *nn.VAE, _ *nn.RNG) {
		for _, w := range m.Params.W {
			if math.IsNaN(float64(w)) {
				bad = true
			}
		}
	})
	if bad {
		t.Error("weights contain NaN after the pause")
	}
	tr.Send(live.Stop{})
	<-done
}

func TestSendAfterRunReturnsFalse(t *testing.T) {
	tr, _ := tinyTrainer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tr.Run(ctx)
	if tr.Send(live.Pause{}) {
		t.Error("Send accepted a command after Run returned")
	}
}
