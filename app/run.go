package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/vaetop/vaetop/atomicfile"
	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/trainer"
)

// Main runs vaetop with args (without the program name) and returns the
// exit code. Errors are printed to stderr as one line. dashboard shows runs
// in a terminal; nil means plain lines always.
func Main(args []string, stdout, stderr io.Writer, dashboard Dashboard) int {
	if len(args) > 0 {
		switch args[0] {
		case "bench":
			return benchMain(args[1:], stdout, stderr)
		case "explore":
			return exploreMain(args[1:], stdout, stderr, dashboard)
		case "help", "version":
			if len(args) > 1 {
				fmt.Fprintf(stderr, "vaetop %s: unexpected argument %q\n", args[0], args[1])
				return ExitUsage
			}
			args = []string{"--" + args[0]}
		}
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
	ctx, stop := signalContext(context.Background())
	defer stop()
	code, err := run(ctx, c, dashboard, stdout, stderr)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "vaetop: %v (see --help)\n", err)
			return ExitUsage
		}
		fmt.Fprintf(stderr, "vaetop: %v\n", err)
	}
	return code
}

func run(ctx context.Context, c *config, dashboard Dashboard, stdout, stderr io.Writer) (int, error) {
	c.dashboard = dashboard != nil && c.useDashboard()
	logf := func(s string) { fmt.Fprintln(stderr, "vaetop: "+s) }
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
		if err := opts.Validate(); err != nil {
			return ExitUsage, usageError{err.Error()}
		}
	}
	// Everything is checked before any file is opened for writing, and the
	// outputs before the data load: a typo should cost seconds, not the
	// training, and never a file the user already had.
	if err := c.checkOutputs(opts.Checkpoint); err != nil {
		return exitFor(err), err
	}
	if ck != nil && ck.Epoch >= opts.Epochs {
		if c.explicit["epochs"] {
			return ExitUsage, usageError{fmt.Sprintf("--epochs %d: checkpoint %q has trained %s already; give more to train on", opts.Epochs, c.resume, plural(ck.Epoch, "epoch"))}
		}
		logf(fmt.Sprintf("checkpoint %q has finished its %s; give --epochs %d or more to train on", c.resume, plural(ck.Epoch, "epoch"), ck.Epoch+1))
	}
	// The lookup's progress lines explain a download; without one, the
	// error alone says where it looked, in one line.
	lookupLog := logf
	if c.noDownload {
		lookupLog = nil
	}
	set, err := mnist.OpenContext(ctx, mnist.Options{Dir: c.data, NoDownload: c.noDownload, Log: lookupLog})
	if err != nil {
		if cause := context.Cause(ctx); ctx.Err() != nil {
			return interrupted(cause, stderr, "", nil), nil
		}
		return ExitFailure, err
	}
	for _, w := range set.Warnings {
		logf("warning: " + w)
	}
	if err := checkCollisions(append(c.outputRoles(opts.Checkpoint), dataRoles(set)...)); err != nil {
		return ExitUsage, err
	}
	if err := c.checkOverwrites(opts.Checkpoint); err != nil {
		return ExitUsage, err
	}
	if opts.TrainLimit > set.Train.Len() {
		return ExitUsage, usageError{fmt.Sprintf("--train-limit %d exceeds the %d training images of %s", opts.TrainLimit, set.Train.Len(), set.Source)}
	}
	opts.DataSource = set.Source
	var sink *metricsSink
	if c.metrics != "" {
		sink = newMetricsSink()
		sink.restorable = opts.Checkpoint != ""
		if !c.dashboard { // the dashboard owns the terminal
			sink.onError = func(err error) {
				logf(fmt.Sprintf("warning: --metrics: %v; training goes on", err))
			}
		}
		opts.Metrics = sink
	}
	data := trainer.Data{Train: set.Train, Test: set.Test}
	var t *trainer.Trainer
	if ck != nil {
		t, err = trainer.FromCheckpoint(ck, opts, data)
	} else {
		t, err = trainer.New(opts, data)
	}
	if errors.Is(err, trainer.ErrFlagMismatch) {
		return ExitUsage, usageError{err.Error()}
	}
	if err != nil {
		return ExitFailure, err
	}

	// The run really starts: take the outputs from any other run, clear a
	// killed run's litter, then open the metrics file.
	for _, out := range []struct {
		flag, path string
		lock       func(string) (func(), error)
	}{{"--checkpoint", opts.Checkpoint, atomicfile.Lock}, {"--metrics", c.metrics, atomicfile.LockInPlace}} {
		if out.path == "" || !lockable(out.path) {
			continue
		}
		unlock, err := out.lock(out.path)
		if err != nil {
			return ExitFailure, fmt.Errorf("%s %v", out.flag, err)
		}
		defer unlock()
	}
	for _, out := range []string{opts.Checkpoint, c.samples, c.metrics} {
		if out != "" {
			for _, f := range atomicfile.RemoveStale(out) {
				logf(fmt.Sprintf("removed %q, a temporary file left by a run that was killed", f))
			}
		}
	}
	if sink != nil {
		if _, desc := isMetricsDescriptor(c.metrics); ck != nil && !desc {
			dropped, added, err := reconcileMetrics(c.metrics, ck.History, c.force)
			if err != nil {
				return exitFor(err), err
			}
			if dropped+added > 0 {
				logf(fmt.Sprintf("--metrics %q now agrees with the checkpoint's %s (%s dropped, %d restored)", c.metrics, plural(len(ck.History), "epoch"), plural(dropped, "line"), added))
			}
		}
		f, err := openMetrics(ctx, c.metrics, ck != nil, logf)
		if err != nil {
			if cause := context.Cause(ctx); ctx.Err() != nil {
				return interrupted(cause, stderr, "", nil), nil
			}
			return ExitFailure, err
		}
		sink.start(f)
	}

	view := headlessView(t, c, stdout, stderr)
	if c.dashboard {
		view = func(r live.Run) error { return dashboard(ctx, []live.Run{r}, ViewOptions{ASCII: c.ascii}) }
	}
	err = liveRun(ctx, t, c.samples, view)
	if sink != nil {
		if serr := sink.Close(2 * time.Second); serr != nil && err == nil {
			err = fmt.Errorf("--metrics: %v", serr)
		}
	}
	switch {
	case errors.Is(err, context.Canceled):
		return interrupted(context.Cause(ctx), stderr, opts.Checkpoint, err), nil
	case err != nil:
		return ExitFailure, err
	}
	return ExitOK, nil
}

// interrupted reports a run ended by a signal or by Ctrl-C in the
// dashboard, and returns the exit code for it. err is what the run
// returned: beyond context.Canceled it says how saving went wrong, and
// then no save is claimed.
func interrupted(cause error, stderr io.Writer, checkpoint string, err error) int {
	msg := "interrupted"
	var se signalError
	code := ExitInterrupt
	if errors.As(cause, &se) {
		msg = se.Error()
		code = se.exitCode()
	}
	detail := ""
	if err != nil {
		detail = strings.TrimPrefix(err.Error(), context.Canceled.Error())
		detail = strings.TrimPrefix(detail, "; ")
	}
	switch {
	case detail != "":
		msg += "; " + detail
	case checkpoint != "":
		msg += fmt.Sprintf("; checkpoint saved to %q", checkpoint)
	}
	fmt.Fprintln(stderr, "vaetop: "+msg)
	return code
}

// exitFor maps a pre-flight error to its exit code.
func exitFor(err error) int {
	var ue usageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	return ExitFailure
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

// plural is "1 epoch", "2 epochs".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// lockable reports whether path is a file (or one to be made) that a run
// could share with another: not a FIFO, a device or a descriptor.
func lockable(path string) bool {
	if _, desc, err := atomicfile.Resolve(path); err != nil || desc != "" {
		return false
	}
	fi, err := os.Stat(path)
	return err != nil || fi.Mode().IsRegular()
}
