package app

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/grid"
	"github.com/vaetop/vaetop/trainer"
)

// runHeadless trains with plain output: one tutorial-style line per epoch.
// A headless run has no keys, so a non-finite loss ends it: the diverged
// weights are rolled back to the last finished epoch, that state is saved,
// and the error says how to continue.
func runHeadless(ctx context.Context, t *trainer.Trainer, c *config, stdout, stderr io.Writer) error {
	printed := t.EpochsDone() // a resumed run printed those already
	sub := t.Subscribe()
	defer sub.Close()
	runErr := make(chan error, 1)
	go func() { runErr <- t.Run(ctx) }()

	fmt.Fprintf(stderr, "vaetop: model %s, data %s, %s\n", t.Model(), c.dataSource(t), threadCount(blasimpl.Threads()))
	var failure error
	var nan *trainer.Event
	saveTo := t.CheckpointPath()
	for range sub.C() {
		snap, ok := sub.Next()
		if !ok {
			continue
		}
		for ; printed < len(snap.EpochHistory); printed++ {
			m := snap.EpochHistory[printed]
			if tl := m.TestLoss; math.IsNaN(tl) || math.IsInf(tl, 0) {
				fmt.Fprintf(stderr, "vaetop: warning: epoch %d's test loss is %g: the model diverges on the test set (try a lower --lr)\n", m.Epoch, tl)
			}
			if err := printEpoch(stdout, m, snap.Epochs); err != nil && failure == nil {
				// The reader went away (| head -1): stop, saving the run.
				failure = fmt.Errorf("stdout was closed (%v); training stopped", unwrapPathError(err))
				if saveTo != "" {
					failure = fmt.Errorf("%v, the checkpoint saved to %q", failure, saveTo)
				}
				t.Send(trainer.Stop{})
			}
		}
		for _, e := range snap.Events {
			switch e.Kind {
			case trainer.EventSaveFailed:
				fmt.Fprintln(stderr, "vaetop: warning: "+e.Text)
			case trainer.EventNaNPause:
				if nan == nil {
					nan = &e
					t.Send(trainer.Rollback{})
				}
			case trainer.EventRolledBack:
				if nan == nil {
					break
				}
				if saveTo == "" { // keep the rolled-back state all the same
					saveTo = nanCheckpointPath()
					t.Send(trainer.SaveCheckpoint{Path: saveTo})
				}
				failure = nanAdvice(nan, e, saveTo, snap.LR)
				t.Send(trainer.Stop{})
			}
		}
		if snap.State == trainer.Finished {
			if c.samples != "" && snap.Samples != nil {
				s := snap.Samples
				if err := grid.WritePNG(c.samples, s.Pixels, s.N, s.W, s.H, 8); err != nil {
					failure = fmt.Errorf("--samples: %v", err)
				}
			}
			t.Send(trainer.Stop{})
		}
	}
	if err := <-runErr; err != nil {
		return err
	}
	return failure
}

// nanAdvice is the one line that ends a run stopped by a non-finite loss.
func nanAdvice(nan *trainer.Event, back trainer.Event, saved string, lr float64) error {
	return fmt.Errorf("%s The run was rolled back to %s and saved to %q; continue with --resume %s --lr %g (or a lower --beta)",
		nan.Text, describePoint(back), saved, shellQuote(saved), lr/2)
}

func describePoint(e trainer.Event) string {
	switch {
	case e.Epoch == 0 && e.Step == 0:
		return "the start of the run"
	case e.Epoch == 0:
		return fmt.Sprintf("step %d", e.Step)
	}
	return fmt.Sprintf("the end of epoch %d", e.Epoch)
}

// nanCheckpointPath is where a run without --checkpoint keeps its state
// after a non-finite loss.
func nanCheckpointPath() string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("vaetop-nan-%d.ckpt", os.Getpid()))
}

func (c *config) dataSource(t *trainer.Trainer) string {
	if s := t.DataSource(); s != "" {
		return s
	}
	return "?"
}

// printEpoch prints the tutorial's line followed by the other figures.
func printEpoch(w io.Writer, m trainer.EpochMetric, epochs int) error {
	_, err := fmt.Fprintf(w, "Epoch [%d/%d], Loss: %.4f  BCE: %.4f  KL: %.4f  Test: %.4f  Time: %.2fs  Images/s: %.0f\n",
		m.Epoch, epochs, m.TrainLoss, m.TrainBCE, m.TrainKL, m.TestLoss, m.Seconds, m.SamplesPerSec)
	return err
}

// threadCount says how many threads train, e.g. "1 thread", "2 threads".
func threadCount(n int) string {
	if n == 1 {
		return "1 thread"
	}
	return fmt.Sprintf("%d threads", n)
}
