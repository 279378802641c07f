package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/live"
)

// headlessView is a viewer of a live.Run, as the dashboard is: it prints the run as plain lines: one tutorial-style line per
// epoch on out (stdout, through a queue), warnings on stderr. It returns
// when the run has finished, has stopped, or has to stop. A headless run
// has no keys, so a non-finite loss ends it: the diverged weights are
// rolled back to the last finished epoch, that state is kept, and the
// error says how to continue.
func headlessView(spec headlessSpec, out epochOutput, stderr io.Writer) func(live.Run) error {
	printed := spec.printed
	return func(run live.Run) error {
		feed, ctl := run.Feed, run.Ctl
		defer feed.Close()
		source := run.Info.DataSource
		if source == "" {
			source = "?"
		}
		fmt.Fprintf(stderr, "vaetop: model %s, data %s, %s\n", run.Info.ModelLabel, source, threadCount(blasimpl.Threads()))
		var nan, back *live.Event // the NaN pause, and the roll-back after it
		saveTo := spec.checkpoint
		for {
			select {
			case _, open := <-feed.C():
				if !open {
					return nil // the run stopped (a signal, an error): liveRun reports it
				}
			case <-out.failed:
				return stdoutClosed(out.err(), saveTo)
			}
			snap, ok := feed.Next()
			if !ok {
				continue
			}
			for ; printed < len(snap.EpochHistory); printed++ {
				m := snap.EpochHistory[printed]
				if tl := m.TestLoss; !live.Finite(tl) {
					fmt.Fprintf(stderr, "vaetop: warning: epoch %d's test loss is %g: the model diverges on the test set (try a lower --lr)\n", m.Epoch, tl)
				}
				// After a signal the line is counted as unwritten and the
				// loop goes on to the feed's end, counting the rest.
				if err := printEpoch(out.w, m, snap.Epochs, run.Info.RecName); err != nil && !errors.Is(err, errOutputAbandoned) {
					return stdoutClosed(err, saveTo)
				}
			}
			for _, e := range snap.Events {
				switch e.Kind {
				case live.EventSaveFailed:
					if back == nil { // else the roll-back's own save: said below
						fmt.Fprintln(stderr, "vaetop: warning: "+e.Text)
					}
				case live.EventNaNPause:
					if nan == nil {
						nan = &e
						ctl.Send(live.Rollback{})
					}
				case live.EventRolledBack:
					if nan == nil {
						break
					}
					// Save the rolled-back state now (to the temp directory
					// without --checkpoint), and say so only once it is.
					if saveTo == "" {
						saveTo = nanCheckpointPath(spec.runFile)
					}
					back = &e
					ctl.Send(live.SaveCheckpoint{Path: saveTo})
				case live.EventCheckpointSaved:
					if back != nil {
						return nanAdvice(nan, *back, saveTo, continueCommand(saveTo, spec.metrics, snap.LR/2))
					}
				}
				if e.Kind == live.EventSaveFailed && back != nil {
					return fmt.Errorf("%s The run was rolled back to %s, but keeping it failed: %s", nan.Text, describePoint(*back), e.Text)
				}
			}
			if snap.State == live.Finished {
				return nil
			}
		}
	}
}

// epochOutput is where a headless view prints its epoch lines: w, which
// closes failed when its reader has gone away (err says how).
type epochOutput struct {
	w      io.Writer
	failed <-chan struct{}
	err    func() error
}

// queuedOutput prints through q.
func queuedOutput(q *outputQueue) epochOutput { return epochOutput{q, q.Failed(), q.Err} }

// stdoutClosed is the error that stops a run whose reader went away
// (| head -1): training stops, saving the run.
func stdoutClosed(err error, saveTo string) error {
	err = fmt.Errorf("stdout was closed (%v); training stopped", unwrapPathError(err))
	if saveTo != "" {
		err = fmt.Errorf("%v, the checkpoint saved to %q", err, saveTo)
	}
	return err
}

// nanAdvice is the one line that ends a run stopped by a non-finite loss.
func nanAdvice(nan *live.Event, back live.Event, saved, command string) error {
	return fmt.Errorf("%s The run was rolled back to %s and saved to %q; continue with %s (or a lower --beta)",
		nan.Text, describePoint(back), saved, command)
}

// continueCommand is the flags that continue a saved run where it was and
// keep saving it (--resume alone would not write the checkpoint again).
func continueCommand(checkpoint, metrics string, lr float64) string {
	cmd := fmt.Sprintf("--resume %s --checkpoint %s", shellQuote(checkpoint), shellQuote(checkpoint))
	if metrics != "" {
		cmd += " --metrics " + shellQuote(metrics)
	}
	if lr > 0 {
		cmd += fmt.Sprintf(" --lr %g", lr)
	}
	return cmd
}

func describePoint(e live.Event) string {
	switch {
	case e.Epoch == 0 && e.Step == 0:
		return "the start of the run"
	case e.Epoch == 0:
		return fmt.Sprintf("step %d", e.Step)
	}
	return fmt.Sprintf("the end of epoch %d", e.Epoch)
}

// nanCheckpointPath is where a run without --checkpoint keeps its state
// after a non-finite loss; run is a compared run's file name ("").
func nanCheckpointPath(run string) string {
	if run != "" {
		return filepath.Join(os.TempDir(), fmt.Sprintf("vaetop-nan-%d-%s.ckpt", os.Getpid(), run))
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("vaetop-nan-%d.ckpt", os.Getpid()))
}

// headlessSpec is what the headless view of a run needs beyond the run:
// the epochs a resumed run printed already, where it saves, its metrics
// file (for the command that continues it) and a compared run's file name.
type headlessSpec struct {
	printed                      int
	checkpoint, metrics, runFile string
}

// printEpoch prints the tutorial's line followed by the other figures.
// rec names the reconstruction loss: "BCE", as the tutorial prints, or "MSE".
func printEpoch(w io.Writer, m live.EpochMetric, epochs int, rec string) error {
	_, err := fmt.Fprintf(w, "Epoch [%d/%d], Loss: %.4f  %s: %.4f  KL: %.4f  Test: %.4f  Time: %.2fs  Images/s: %.0f\n",
		m.Epoch, epochs, m.TrainLoss, rec, m.TrainRec, m.TrainKL, m.TestLoss, m.Seconds, m.SamplesPerSec)
	return err
}

// threadCount says how many threads train, e.g. "1 thread", "2 threads".
func threadCount(n int) string {
	if n == 1 {
		return "1 thread"
	}
	return fmt.Sprintf("%d threads", n)
}
