package app

import (
	"context"
	"fmt"
	"io"

	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/grid"
	"github.com/vaetop/vaetop/trainer"
)

// runHeadless trains with plain output: one tutorial-style line per epoch.
func runHeadless(ctx context.Context, t *trainer.Trainer, c *config, stdout, stderr io.Writer) error {
	printed := t.EpochsDone() // a resumed run printed those already
	sub := t.Subscribe()
	defer sub.Close()
	runErr := make(chan error, 1)
	go func() { runErr <- t.Run(ctx) }()

	fmt.Fprintf(stderr, "vaetop: model %s, data %s, %s\n", t.Model(), c.dataSource(t), threadCount(blasimpl.Threads()))
	var failure error
	for range sub.C() {
		snap, ok := sub.Next()
		if !ok {
			continue
		}
		for ; printed < len(snap.EpochHistory); printed++ {
			printEpoch(stdout, snap.EpochHistory[printed], snap.Epochs)
		}
		switch snap.State {
		case trainer.Paused: // only a NaN pauses a headless run
			failure = fmt.Errorf("%s", snap.Message)
			t.Send(trainer.Stop{})
		case trainer.Finished:
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

func (c *config) dataSource(t *trainer.Trainer) string {
	if s := t.DataSource(); s != "" {
		return s
	}
	return "?"
}

// printEpoch prints the tutorial's line followed by the other figures.
func printEpoch(w io.Writer, m trainer.EpochMetric, epochs int) {
	fmt.Fprintf(w, "Epoch [%d/%d], Loss: %.4f  BCE: %.4f  KL: %.4f  Test: %.4f  Time: %.2fs  Images/s: %.0f\n",
		m.Epoch, epochs, m.TrainLoss, m.TrainBCE, m.TrainKL, m.TestLoss, m.Seconds, m.SamplesPerSec)
}

// threadCount says how many threads train, e.g. "1 thread", "2 threads".
func threadCount(n int) string {
	if n == 1 {
		return "1 thread"
	}
	return fmt.Sprintf("%d threads", n)
}
