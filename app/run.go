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

	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/trainer"
)

// Main runs vaetop with args (without the program name) and returns the
// exit code. Errors are printed to stderr as one line. dashboard shows runs
// in a terminal; nil means plain lines always. Every command gets the same
// set-up here: profiling, the collector's pace, signals, and the one-line
// error with its exit code.
func Main(args []string, stdout, stderr io.Writer, dashboard Dashboard) int {
	defer startProfiles(stderr)()
	if len(args) > 0 {
		switch args[0] {
		case "bench":
			return benchMain(args[1:], stdout, stderr)
		case "explore":
			return exploreMain(args[1:], stdout, stderr, dashboard)
		case "compare":
			return compareMain(args[1:], stdout, stderr, dashboard)
		case "watch":
			return watchMain(args[1:], stdout, stderr, dashboard)
		case "serve":
			return serveMain(args[1:], stdout, stderr)
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
	return command("vaetop", stderr, func(ctx context.Context) (int, error) {
		return run(ctx, c, dashboard, stdout, stderr)
	})
}

// command runs one command's body with the set-up every command shares:
// the collector's pace and the signals. An error is printed as one line
// after the command's name; a usage error exits 2.
func command(name string, stderr io.Writer, body func(ctx context.Context) (int, error)) int {
	if os.Getenv("GOGC") == "" {
		// Nearly all of the live heap is pointer-free (pixels, weights), so
		// a collection costs little; collecting at +40% instead of Go's
		// +100% keeps the dashboard's frame garbage from doubling RSS.
		debug.SetGCPercent(40)
	}
	ctx, stop := signalContext(context.Background())
	defer stop()
	code, err := body(ctx)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "%s: %v (see --help)\n", name, err)
			return ExitUsage
		}
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
	}
	return code
}

// run trains the one run c describes: the pipeline of one run.
func run(ctx context.Context, c *config, dashboard Dashboard, stdout, stderr io.Writer) (int, error) {
	dash := dashboard != nil && c.useDashboard()
	logf := func(s string) { fmt.Fprintln(stderr, "vaetop: "+s) }
	return newSingle(c, dash, logf).start(ctx, dashboard, stdout, stderr)
}

// unwrittenNote says how many output lines a stuck reader never took, or "".
func unwrittenNote(n int, stream string) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf("%s not written to %s (its reader stopped reading)", plural(n, "line"), stream)
}

// loadData finds and reads MNIST. The lookup's progress lines explain a
// download; without one, the error alone says where it looked, in one
// line.
func loadData(ctx context.Context, c *config, logf func(string)) (*mnist.Set, error) {
	lookupLog := logf
	if c.noDownload {
		lookupLog = nil
	}
	set, err := mnist.OpenContext(ctx, mnist.Options{Dir: c.data, NoDownload: c.noDownload, Log: lookupLog})
	if err != nil {
		return nil, err
	}
	for _, w := range set.Warnings {
		logf("warning: " + w)
	}
	return set, nil
}

// newTrainer builds the run's trainer on set (read-only, so runs may share
// it), writing its metrics lines to metrics (nil: none).
func (r *plannedRun) newTrainer(set *mnist.Set, metrics io.Writer) (*trainer.Trainer, error) {
	opts := r.opts
	opts.DataSource = set.Source
	opts.Metrics = metrics
	data := trainer.Data{Train: set.Train, Test: set.Test}
	var t *trainer.Trainer
	var err error
	if r.ck != nil {
		t, err = trainer.FromCheckpoint(r.ck, opts, data)
		if err == nil && opts.Checkpoint == "" && r.ck.Epoch < opts.Epochs {
			// --resume only reads: say so before the epochs are trained.
			from := r.c.resume
			if r.pl.compare {
				from = r.pl.shared.resume // compare's --checkpoint is the runs' directory
			}
			r.logf(fmt.Sprintf("resuming %q without --checkpoint: what this run trains will not be saved (give --checkpoint %s to go on saving)", r.c.resume, shellQuote(from)))
		}
	} else {
		t, err = trainer.New(opts, data)
	}
	if errors.Is(err, trainer.ErrFlagMismatch) {
		return nil, usageError{err.Error()}
	}
	return t, err
}

// closeSink writes what is queued and closes the file (nil: no sink).
// After a signal a stuck reader gets less time: the process exits within
// a second.
func closeSink(ctx context.Context, sink *metricsSink) error {
	if sink == nil {
		return nil
	}
	wait := 2 * time.Second
	if ctx.Err() != nil {
		wait = outputGrace
	}
	if err := sink.Close(wait); err != nil {
		return fmt.Errorf("--metrics: %v", err)
	}
	return nil
}

// interrupted reports a run ended by a signal or by Ctrl-C in the
// dashboard, and returns the exit code for it. err is what the run
// returned: beyond context.Canceled it says how saving went wrong, and
// then no save is claimed.
func interrupted(cause error, stderr io.Writer, checkpoint string, err error, lost string) int {
	msg, code := interruptCause(cause)
	detail := cancelDetail(err)
	switch {
	case detail != "":
		msg += "; " + detail
	case checkpoint != "":
		msg += fmt.Sprintf("; checkpoint saved to %q", checkpoint)
	}
	if lost != "" {
		msg += "; " + lost
	}
	fmt.Fprintln(stderr, "vaetop: "+msg)
	return code
}

// interruptCause words what ended a run (a signal, or Ctrl-C in the
// dashboard) and gives the exit code for it.
func interruptCause(cause error) (string, int) {
	var se signalError
	if errors.As(cause, &se) {
		return se.Error(), se.exitCode()
	}
	return "interrupted", ExitInterrupt
}

// cancelDetail is what an interrupted run's error says beyond
// context.Canceled: how saving went wrong, or "".
func cancelDetail(err error) string {
	if err == nil {
		return ""
	}
	detail := strings.TrimPrefix(err.Error(), context.Canceled.Error())
	return strings.TrimPrefix(detail, "; ")
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
