package app

import (
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/trainer"
)

func smallTrainer(t *testing.T, checkpoint string) *trainer.Trainer {
	t.Helper()
	set, err := mnist.LoadDir(dataDir(t, 300, 50))
	if err != nil {
		t.Fatal(err)
	}
	o := trainer.Defaults()
	o.Model.Hidden, o.Model.Latent, o.Batch, o.Epochs = []int{32, 16}, 4, 50, 10000
	o.Checkpoint = checkpoint
	tr, err := trainer.New(o, trainer.Data{Train: set.Train, Test: set.Test})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// The life of a run: the viewer watches until it is done, then the run is
// stopped (saving its checkpoint) and the samples come from its last
// snapshot. Two viewers watch one run; the first leaves early, and the run
// and the second viewer go on, the second receiving every step.
func TestLiveRunStopsSavesAndWritesSamples(t *testing.T) {
	dir := t.TempDir()
	ck, samples := filepath.Join(dir, "run.ckpt"), filepath.Join(dir, "s.png")
	tr := smallTrainer(t, ck)
	early := tr.Viewer()
	err := liveRun(context.Background(), tr, samples, func(r live.Run) error {
		defer r.Feed.Close()
		var last int64
		for range r.Feed.C() {
			s, ok := r.Feed.Next()
			if !ok {
				continue
			}
			for _, m := range s.Steps {
				if m.Step != last+1 {
					t.Errorf("the staying viewer got step %d after %d", m.Step, last)
				}
				last = m.Step
			}
			if last >= 6 && early.Feed != nil {
				early.Feed.Close() // the first viewer leaves
				early.Feed = nil
			}
			if last >= 24 {
				return errors.New("viewer done")
			}
		}
		t.Error("the run ended while a viewer watched")
		return nil
	})
	if err == nil || err.Error() != "viewer done" {
		t.Fatalf("liveRun = %v, want the viewer's error", err)
	}
	if _, err := os.Stat(ck); err != nil {
		t.Errorf("no checkpoint: %v", err)
	}
	f, err := os.Open(samples)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() < 8*28 {
		t.Errorf("samples: %v %v", err, img.Bounds())
	}
}

func TestStopAndWaitReturnsAtOnceWhenStopped(t *testing.T) {
	tr := smallTrainer(t, "")
	done := make(chan error, 1)
	go func() { done <- tr.Run(context.Background()) }()
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	if err := stopAndWait(tr, done); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stop took %v", d)
	}
	stopped := make(chan error, 1)
	close(stopped)
	if err := stopAndWait(tr, stopped); err != nil { // a stopped trainer: at once
		t.Fatal(err)
	}
}
