package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/trainer"
)

// train starts the runs, shows them (on the dashboard, or as plain lines
// through one output queue), stops and saves them, and reports how they
// ended.
func (pl *pipeline) train(ctx context.Context, dashboard Dashboard, sink *metricsSink, srv *server, stdout, stderr io.Writer) (int, error) {
	each, cores := 0, 0
	if pl.compare {
		var restore func()
		each, cores, restore = blasimpl.ShareThreads(pl.shared.threads, len(pl.runs))
		defer restore()
	} else if pl.shared.threads > 0 {
		blasimpl.SetThreads(pl.shared.threads)
	}
	w, stream := pl.epochStream(stdout, stderr)
	lines := newOutputQueue(w, ctx.Done())
	var errs []error
	if pl.dash {
		errs = liveRuns(ctx, pl.trainers(), pl.samplePaths(), func(rs []live.Run) error {
			return dashboard(ctx, rs, ViewOptions{ASCII: pl.shared.ascii, Compare: pl.compare, Viewers: srv.viewers()})
		})
	} else {
		if pl.compare {
			pl.sayRuns(each, cores)
		}
		errs = pl.headless(ctx, pl.epochOutput(lines, sink), stderr, srv != nil)
	}
	serr := closeSink(ctx, sink)
	if pl.compare {
		printSummary(lines, pl.runs)
	}
	lost := unwrittenNote(lines.Close(outputGrace), stream)
	if pl.compare {
		return compareOutcome(ctx, pl.runs, errs, serr, lost, stderr), nil
	}
	return singleOutcome(ctx, pl.runs[0], errs[0], serr, lost, stderr)
}

// headless shows each run as plain lines, all through one queue: a
// compared run's lines tagged with its name, one whole line at a time.
func (pl *pipeline) headless(ctx context.Context, lines epochOutput, stderr io.Writer, served bool) []error {
	errs := make([]error, len(pl.runs))
	view := func(v func(live.Run) error) func(live.Run) error {
		if served { // a served run stays on show once it has finished
			return servedToEnd(ctx, v, pl.logf)
		}
		return v
	}
	if !pl.compare {
		r := pl.runs[0]
		errs[0] = liveRun(ctx, r.t, r.c.samples, view(headlessView(r.spec(), lines, stderr)))
		return errs
	}
	var mu sync.Mutex // one line at a time, whichever run writes it
	var wg sync.WaitGroup
	for i, r := range pl.runs {
		wg.Go(func() {
			out := lines
			out.w = taggedWriter{&mu, lines.w, "[" + r.name + "]"}
			errOut := taggedWriter{&mu, stderr, "[" + r.name + "]"}
			errs[i] = liveRun(ctx, r.t, r.c.samples, view(headlessView(r.spec(), out, errOut)))
		})
	}
	wg.Wait()
	return errs
}

// epochOutput is where the headless views print, and what tells them
// their reader has gone: stdout's, or, when the metrics file is stdout
// and the epoch lines go to stderr, the metrics file's (vaetop --metrics
// /dev/stdout | head -1 stops the run as a closed stdout does).
func (pl *pipeline) epochOutput(lines *outputQueue, sink *metricsSink) epochOutput {
	out := queuedOutput(lines)
	if fd, desc := pl.metrics.descriptor(); desc && fd == 1 && sink != nil {
		out.failed, out.err = sink.Failed(), sink.Err
	}
	return out
}

// sayRuns is compare's start-up line: the runs and how the cores are shared.
func (pl *pipeline) sayRuns(each, cores int) {
	names := make([]string, len(pl.runs))
	for i, r := range pl.runs {
		names[i] = r.name
	}
	for _, n := range pl.shared.notes {
		pl.logf(n)
	}
	pl.logf(fmt.Sprintf("%d runs (%s), %s each on %s", len(pl.runs), strings.Join(names, ", "), threadCount(each), plural(cores, "core")))
}

// epochStream is where headless epoch lines go, and its name: stdout, or
// stderr when --metrics writes to stdout, which then carries JSON Lines
// alone (vaetop --metrics /dev/stdout | jq).
func (pl *pipeline) epochStream(stdout, stderr io.Writer) (io.Writer, string) {
	if fd, desc := pl.metrics.descriptor(); desc && fd == 1 {
		return stderr, "stderr"
	}
	return stdout, "stdout"
}

func (pl *pipeline) trainers() []*trainer.Trainer {
	ts := make([]*trainer.Trainer, len(pl.runs))
	for i, r := range pl.runs {
		ts[i] = r.t
	}
	return ts
}

func (pl *pipeline) samplePaths() []string {
	paths := make([]string, len(pl.runs))
	for i, r := range pl.runs {
		paths[i] = r.c.samples
	}
	return paths
}

// spec is what the headless view of the run needs beyond the run itself.
func (r *plannedRun) spec() headlessSpec {
	printed := 0
	if r.ck != nil {
		printed = r.ck.Epoch // a resumed run printed those already
	}
	return headlessSpec{printed: printed, checkpoint: r.opts.Checkpoint, metrics: r.pl.metrics.Path, runFile: r.file}
}

// singleOutcome reports how a single run ended and returns its exit code:
// a signal's (the run saved), 1 for an error, 0 when it finished.
func singleOutcome(ctx context.Context, r *plannedRun, err, sinkErr error, lost string, stderr io.Writer) (int, error) {
	if err == nil {
		err = sinkErr
	}
	switch {
	case errors.Is(err, context.Canceled):
		return interrupted(context.Cause(ctx), stderr, r.opts.Checkpoint, err, lost), nil
	case err != nil:
		return ExitFailure, err
	case lost != "" && ctx.Err() != nil: // finished, then a signal while the reader was stuck
		return interrupted(context.Cause(ctx), stderr, r.opts.Checkpoint, nil, lost), nil
	}
	return ExitOK, nil
}
