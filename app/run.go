package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/charmbracelet/x/term"

	"github.com/vaetop/vaetop/atomicfile"
	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/trainer"
)

// Dashboard runs the live UI over t until the user quits; nil until a UI
// package registers one, in which case terminals get headless output too.
var Dashboard func(ctx context.Context, t *trainer.Trainer, opts DashboardOptions) error

// DashboardOptions are the command line's settings for the UI.
type DashboardOptions struct {
	ASCII   bool
	Samples string // PNG written on quit when set
}

// Main runs vaetop with args (without the program name) and returns the
// exit code. Errors are printed to stderr as one line.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "bench" {
		return benchMain(args[1:], stdout, stderr)
	}
	c, err := parseFlags(args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "vaetop: %v (see --help)\n", err)
		return ExitUsage
	}
	if c.threads > 0 {
		blasimpl.SetThreads(c.threads)
	}
	if os.Getenv("GOGC") == "" {
		// Nearly all of the live heap is pointer-free (pixels, weights), so
		// a collection costs little; collecting at +40% instead of Go's
		// +100% keeps the dashboard's frame garbage from doubling RSS.
		debug.SetGCPercent(40)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := run(ctx, c, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "vaetop: %v\n", err)
	}
	return code
}

func run(ctx context.Context, c *config, stdout, stderr io.Writer) (int, error) {
	var ck *trainer.Checkpoint
	if c.resume != "" { // read it first: a bad checkpoint should not wait for data
		var err error
		if ck, err = trainer.ReadCheckpoint(c.resume); err != nil {
			return ExitFailure, err
		}
	}
	opts := c.opts
	if ck != nil {
		opts = resumeOptions(ck.Options, c)
	}
	// Outputs are checked before the data load and the run: a typo should
	// cost seconds, not the training.
	for _, out := range []struct{ flag, path string }{{"--checkpoint", opts.Checkpoint}, {"--samples", c.samples}} {
		if out.path == "" {
			continue
		}
		if err := atomicfile.CheckWritable(out.path); err != nil {
			return ExitFailure, fmt.Errorf("%s: %v", out.flag, err)
		}
	}
	set, err := mnist.OpenContext(ctx, mnist.Options{
		Dir: c.data, NoDownload: c.noDownload,
		Log: func(s string) { fmt.Fprintln(stderr, "vaetop: "+s) },
	})
	if err != nil {
		return ExitFailure, err
	}
	for _, w := range set.Warnings {
		fmt.Fprintln(stderr, "vaetop: warning: "+w)
	}
	opts.DataSource = set.Source
	var metrics *os.File
	if c.metrics != "" {
		flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
		if ck != nil {
			flags = os.O_CREATE | os.O_WRONLY | os.O_APPEND
		}
		if metrics, err = os.OpenFile(c.metrics, flags, 0o644); err != nil {
			return ExitFailure, fmt.Errorf("--metrics: %v", err)
		}
		defer metrics.Close()
		opts.Metrics = metrics
	}
	data := trainer.Data{Train: set.Train, Test: set.Test, Source: set.Source}
	var t *trainer.Trainer
	if ck != nil {
		t, err = trainer.FromCheckpoint(ck, opts, data)
	} else {
		t, err = trainer.New(opts, data)
	}
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return ExitUsage, err
		}
		return ExitFailure, err
	}
	if Dashboard != nil && c.useDashboard() {
		err = Dashboard(ctx, t, DashboardOptions{ASCII: c.ascii, Samples: c.samples})
	} else {
		err = runHeadless(ctx, t, c, stdout, stderr)
	}
	switch {
	case errors.Is(err, context.Canceled):
		msg := "interrupted"
		if opts.Checkpoint != "" {
			msg += "; checkpoint saved to " + opts.Checkpoint
		}
		fmt.Fprintln(stderr, "vaetop: "+msg)
		return ExitInterrupt, nil
	case err != nil:
		return ExitFailure, err
	}
	return ExitOK, nil
}

// useDashboard decides between the UI and plain lines: the UI needs a
// terminal on both ends, and CI systems get lines even on a TTY.
func (c *config) useDashboard() bool {
	if c.headless {
		return false
	}
	if c.tui {
		return true
	}
	return term.IsTerminal(os.Stdout.Fd()) && term.IsTerminal(os.Stdin.Fd()) && os.Getenv("CI") == ""
}

// resumeOptions starts from the checkpoint's options and applies the flags
// given on this command line; model flags that differ are caught later.
func resumeOptions(saved trainer.Options, c *config) trainer.Options {
	o := saved
	o.Model.Hidden = append([]int(nil), saved.Model.Hidden...)
	set := func(name string, apply func()) {
		if c.explicit[name] {
			apply()
		}
	}
	f := c.opts
	set("epochs", func() { o.Epochs = f.Epochs })
	set("lr", func() { o.LR = f.LR })
	set("beta", func() { o.Beta = f.Beta })
	set("weight-decay", func() { o.WeightDecay = f.WeightDecay })
	set("clip", func() { o.Clip = f.Clip })
	set("batch", func() { o.Batch = f.Batch })
	set("seed", func() { o.Seed = f.Seed })
	set("train-limit", func() { o.TrainLimit = f.TrainLimit })
	set("latent", func() { o.Model.Latent = f.Model.Latent })
	set("hidden", func() { o.Model.Hidden = f.Model.Hidden })
	set("activation", func() { o.Model.Activation = f.Model.Activation })
	set("loss", func() { o.Model.Loss = f.Model.Loss })
	set("dropout", func() { o.Model.Dropout = f.Model.Dropout })
	set("latent-dropout", func() { o.Model.LatentDropout = f.Model.LatentDropout })
	set("batchnorm", func() { o.Model.BatchNorm = f.Model.BatchNorm })
	set("conditional", func() { o.Model.Conditional = f.Model.Conditional })
	o.Checkpoint = f.Checkpoint
	o.PublishInterval, o.ReconCount, o.SampleCount, o.VisualInterval = f.PublishInterval, f.ReconCount, f.SampleCount, f.VisualInterval
	return o
}
