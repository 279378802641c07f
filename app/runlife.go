package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/vaetop/vaetop/grid"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/trainer"
)

// Dashboard shows runs until the user leaves it (nil after q,
// context.Canceled after Ctrl-C). main passes the tui's; without one,
// terminals get headless output too.
type Dashboard func(ctx context.Context, runs []live.Run, opts ViewOptions) error

// ViewOptions are the command line's settings for a viewer.
type ViewOptions struct {
	ASCII bool
	// Explore shows the latent explorer alone (vaetop explore): the run is
	// a checkpoint's weights, with no training behind them.
	Explore bool
	// Compare: the runs are a comparison (vaetop compare), trained side by
	// side in this process; shown together rather than as one run.
	Compare bool
	// Watch: the runs are metrics files followed (vaetop watch), drawn as
	// a grid of their named series.
	Watch bool
	// Catalog, with Watch, is the runs below a directory, which grow.
	Catalog live.Catalog
	// Viewers counts the SSH viewers of served runs (nil: not served).
	Viewers func() int
}

// liveRun is the life of one training run in this process, the same for
// the dashboard and headless output: start the training goroutine, let
// view watch the run until the viewer is done, stop the trainer (it saves
// its final checkpoint) and write the --samples PNG from its last snapshot.
// The run's own error comes first, then the viewer's, then the samples'.
func liveRun(ctx context.Context, t *trainer.Trainer, samples string, view func(live.Run) error) error {
	return liveRuns(ctx, []*trainer.Trainer{t}, []string{samples}, func(runs []live.Run) error { return view(runs[0]) })[0]
}

// liveRuns is liveRun for runs that one viewer watches together (vaetop
// compare on the dashboard): start them all, view them, stop them all.
// samples[i] is run i's --samples path (""). It returns each run's error,
// in the same order of precedence; the viewer's error is every run's.
func liveRuns(ctx context.Context, ts []*trainer.Trainer, samples []string, view func([]live.Run) error) []error {
	dones := make([]chan error, len(ts))
	runs := make([]live.Run, len(ts))
	for i, t := range ts {
		dones[i] = make(chan error, 1)
		go func() { dones[i] <- t.Run(ctx) }()
		runs[i] = live.Source(t).Viewer() // each viewer its own subscription
	}
	viewErr := view(runs)
	errs := make([]error, len(ts))
	var wg sync.WaitGroup
	for i, t := range ts {
		wg.Go(func() {
			runErr := stopAndWait(t, dones[i])
			var samplesErr error
			if samples[i] != "" {
				samplesErr = writeFinalSamples(t, samples[i])
			}
			for _, err := range []error{runErr, viewErr, samplesErr} {
				if err != nil {
					errs[i] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return errs
}

// stopAndWait sends Stop until the trainer takes it, then waits for Run to
// return (it saves the checkpoint first) and returns Run's error.
func stopAndWait(t *trainer.Trainer, done <-chan error) error {
	for !t.Send(live.Stop{}) {
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Millisecond):
		}
	}
	return <-done
}

// writeFinalSamples writes the sample grid of the stopped trainer's last
// snapshot (a subscription to a stopped run yields it at once) as an
// 8-column PNG.
func writeFinalSamples(t *trainer.Trainer, path string) error {
	sub := t.Subscribe()
	defer sub.Close()
	s, ok := sub.Next()
	if !ok || s.Samples == nil {
		return nil
	}
	im := s.Samples
	if err := grid.WritePNG(path, im.Pixels, im.N, im.W, im.H, 8); err != nil {
		return fmt.Errorf("--samples: %v", err)
	}
	return nil
}
