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
	defer startProfiles(stderr)()
	if len(args) > 0 {
		switch args[0] {
		case "bench":
			return benchMain(args[1:], stdout, stderr)
		case "explore":
			return exploreMain(args[1:], stdout, stderr, dashboard)
		case "compare":
			return compareMain(args[1:], stdout, stderr, dashboard)
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
	p, err := prepare(c, logf)
	if err != nil {
		return exitFor(err), err
	}
	set, err := loadData(ctx, c, logf)
	if err != nil {
		if cause := context.Cause(ctx); ctx.Err() != nil {
			return interrupted(cause, stderr, "", nil, ""), nil
		}
		return ExitFailure, err
	}
	if err := checkCollisions(append(c.outputRoles(p.opts.Checkpoint), dataRoles(set)...)); err != nil {
		return ExitUsage, err
	}
	if err := p.checkData(set); err != nil {
		return exitFor(err), err
	}
	sink := c.newSink(p.opts.Checkpoint != "", logf)
	var metrics io.Writer
	if sink != nil {
		metrics = sink
	}
	t, err := p.newTrainer(set, metrics)
	if err != nil {
		return exitFor(err), err
	}

	// The run really starts: take the outputs from any other run, clear a
	// killed run's litter, then open the metrics file.
	unlock, err := lockOutputs([]outputLock{{"--checkpoint", p.opts.Checkpoint, atomicfile.Lock}, {"--metrics", c.metrics, atomicfile.LockInPlace}})
	if err != nil {
		return ExitFailure, err
	}
	defer unlock()
	removeStale(logf, p.opts.Checkpoint, c.samples, c.metrics)
	if sink != nil {
		if _, desc := isMetricsDescriptor(c.metrics); p.ck != nil && !desc {
			dropped, added, err := reconcileMetrics(c.metrics, p.ck.History, c.force)
			if err != nil {
				return exitFor(err), err
			}
			if dropped+added > 0 {
				logf(fmt.Sprintf("--metrics %q now agrees with the checkpoint's %s (%s dropped, %d restored)", c.metrics, plural(len(p.ck.History), "epoch"), plural(dropped, "line"), added))
			}
		}
		if err := startSink(ctx, sink, c.metrics, p.ck != nil, logf); err != nil {
			if cause := context.Cause(ctx); ctx.Err() != nil {
				return interrupted(cause, stderr, "", nil, ""), nil
			}
			return ExitFailure, err
		}
	}

	w, stream := c.epochStream(stdout, stderr)
	lines := newOutputQueue(w, ctx.Done())
	view := headlessView(t, c, queuedOutput(lines), stderr)
	if c.dashboard {
		view = func(r live.Run) error { return dashboard(ctx, []live.Run{r}, ViewOptions{ASCII: c.ascii}) }
	}
	err = liveRun(ctx, t, c.samples, view)
	lost := unwrittenNote(lines.Close(outputGrace), stream)
	if serr := closeSink(ctx, sink); serr != nil && err == nil {
		err = serr
	}
	switch {
	case errors.Is(err, context.Canceled):
		return interrupted(context.Cause(ctx), stderr, p.opts.Checkpoint, err, lost), nil
	case err != nil:
		return ExitFailure, err
	case lost != "" && ctx.Err() != nil: // finished, then a signal while the reader was stuck
		return interrupted(context.Cause(ctx), stderr, p.opts.Checkpoint, nil, lost), nil
	}
	return ExitOK, nil
}

// epochStream is where headless epoch lines go, and its name: stdout, or
// stderr when --metrics writes to stdout, which then carries JSON Lines
// alone (vaetop --metrics /dev/stdout | jq).
func (c *config) epochStream(stdout, stderr io.Writer) (io.Writer, string) {
	if fd, desc := isMetricsDescriptor(c.metrics); desc && fd == 1 {
		return stderr, "stderr"
	}
	return stdout, "stdout"
}

// unwrittenNote says how many output lines a stuck reader never took, or "".
func unwrittenNote(n int, stream string) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf("%s not written to %s (its reader stopped reading)", plural(n, "line"), stream)
}

// prepared is a run checked as far as it can be before the data loads:
// its checkpoint read (on --resume), its options settled and its outputs
// vetted.
type prepared struct {
	c    *config
	ck   *trainer.Checkpoint // nil for a fresh run
	opts trainer.Options
}

// prepare reads the checkpoint to resume and checks the outputs, before
// any file is opened for writing and before the data load: a typo should
// cost seconds, not the training, and never a file the user already had.
func prepare(c *config, logf func(string)) (*prepared, error) {
	p := &prepared{c: c, opts: c.opts}
	if c.resume != "" { // read it first: a bad checkpoint should not wait for data
		var err error
		if p.ck, err = trainer.ReadCheckpoint(c.resume); err != nil {
			return nil, err
		}
		p.opts = resumeOptions(p.ck.Options, c)
		if err := p.opts.Validate(); err != nil {
			return nil, usageError{err.Error()}
		}
	}
	if err := c.checkOutputs(p.opts.Checkpoint); err != nil {
		return nil, err
	}
	if ck := p.ck; ck != nil && ck.Epoch >= p.opts.Epochs {
		if c.explicit["epochs"] {
			return nil, usageError{fmt.Sprintf("--epochs %d: checkpoint %q has trained %s already; give more to train on", p.opts.Epochs, c.resume, plural(ck.Epoch, "epoch"))}
		}
		logf(fmt.Sprintf("checkpoint %q has finished its %s; give --epochs %d or more to train on", c.resume, plural(ck.Epoch, "epoch"), ck.Epoch+1))
	}
	return p, nil
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

// checkData runs once the data is known and its files do not collide with
// the run's: nothing the user has is replaced without --force, and the
// train limit fits the data.
func (p *prepared) checkData(set *mnist.Set) error {
	if err := p.c.checkOverwrites(p.opts.Checkpoint); err != nil {
		return err
	}
	if p.opts.TrainLimit > set.Train.Len() {
		return usageError{fmt.Sprintf("--train-limit %d exceeds the %d training images of %s", p.opts.TrainLimit, set.Train.Len(), set.Source)}
	}
	return nil
}

// newTrainer builds the run's trainer on set (read-only, so runs may share
// it), writing its metrics lines to metrics (nil: none).
func (p *prepared) newTrainer(set *mnist.Set, metrics io.Writer) (*trainer.Trainer, error) {
	opts := p.opts
	opts.DataSource = set.Source
	opts.Metrics = metrics
	data := trainer.Data{Train: set.Train, Test: set.Test}
	var t *trainer.Trainer
	var err error
	if p.ck != nil {
		t, err = trainer.FromCheckpoint(p.ck, opts, data)
	} else {
		t, err = trainer.New(opts, data)
	}
	if errors.Is(err, trainer.ErrFlagMismatch) {
		return nil, usageError{err.Error()}
	}
	return t, err
}

// newSink is the queue for the run's --metrics lines, nil without the
// flag. restorable: a checkpoint holds every epoch's figures.
func (c *config) newSink(restorable bool, logf func(string)) *metricsSink {
	if c.metrics == "" {
		return nil
	}
	sink := newMetricsSink()
	sink.restorable = restorable
	if !c.dashboard { // the dashboard owns the terminal
		sink.onError = func(err error) {
			logf(fmt.Sprintf("warning: --metrics: %v; training goes on", err))
		}
	}
	return sink
}

// startSink opens the metrics file (appending when resuming) and starts
// writing the queued lines to it.
func startSink(ctx context.Context, sink *metricsSink, path string, resuming bool, logf func(string)) error {
	f, err := openMetrics(ctx, path, resuming, logf)
	if err != nil {
		return err
	}
	sink.start(f)
	return nil
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

// outputLock is an output to take from any other vaetop: flag names it in
// errors, lock takes it.
type outputLock struct {
	flag, path string
	lock       func(string) (func(), error)
}

// lockOutputs takes every lockable output, or none: on an error the locks
// taken so far are released. unlock releases them all.
func lockOutputs(outs []outputLock) (unlock func(), err error) {
	var unlocks []func()
	unlock = func() {
		for i := len(unlocks) - 1; i >= 0; i-- {
			unlocks[i]()
		}
	}
	for _, out := range outs {
		if out.path == "" || !lockable(out.path) {
			continue
		}
		u, err := out.lock(out.path)
		if err != nil {
			unlock()
			return nil, fmt.Errorf("%s %v", out.flag, err)
		}
		unlocks = append(unlocks, u)
	}
	return unlock, nil
}

// removeStale deletes the temporary files that killed runs left beside
// the outputs.
func removeStale(logf func(string), outputs ...string) {
	for _, out := range outputs {
		if out != "" {
			for _, f := range atomicfile.RemoveStale(out) {
				logf(fmt.Sprintf("removed %q, a temporary file left by a run that was killed", f))
			}
		}
	}
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

// lockable reports whether path is a file (or one to be made) that a run
// could share with another: not a FIFO, a device or a descriptor.
func lockable(path string) bool {
	if _, desc, err := atomicfile.Resolve(path); err != nil || desc != "" {
		return false
	}
	fi, err := os.Stat(path)
	return err != nil || fi.Mode().IsRegular()
}
