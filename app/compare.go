package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/vaetop/vaetop/atomicfile"
	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/trainer"
)

// compareMain is vaetop compare: 2 to 6 runs trained side by side in this
// process, on one copy of the data, sharing the cores.
func compareMain(args []string, stdout, stderr io.Writer, dashboard Dashboard) int {
	shared, runs, err := parseCompare(args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "vaetop compare: %v (see --help)\n", err)
		return ExitUsage
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(40) // as for one run (Main)
	}
	ctx, stop := signalContext(context.Background())
	defer stop()
	code, err := compare(ctx, shared, runs, dashboard, stdout, stderr)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "vaetop compare: %v (see --help)\n", err)
			return ExitUsage
		}
		fmt.Fprintf(stderr, "vaetop compare: %v\n", err)
	}
	return code
}

// compared is a run of the comparison on its way: checked, then trained.
type compared struct {
	*compareRun
	p *prepared
	t *trainer.Trainer
}

// compare runs what parseCompare read. Every run gets the single run's
// checks, locks and clean-up (run.go's pieces), all of them before any
// run starts.
func compare(ctx context.Context, shared *config, parsed []*compareRun, dashboard Dashboard, stdout, stderr io.Writer) (int, error) {
	dash := dashboard != nil && shared.useDashboard()
	shared.dashboard = dash
	logf := func(s string) { fmt.Fprintln(stderr, "vaetop: "+s) }
	dirs := []struct{ flag, path, ext string }{
		{"--checkpoint", shared.opts.Checkpoint, ".ckpt"},
		{"--resume", shared.resume, ".ckpt"},
		{"--samples", shared.samples, ".png"},
	}
	for _, d := range dirs {
		if err := checkCompareDir(d.flag, d.path, d.ext); err != nil {
			return exitFor(err), err
		}
	}
	runs := make([]*compared, len(parsed))
	var roles []fileRole
	for i, r := range parsed {
		c := r.c
		c.dashboard, c.metrics = dash, "" // the shared --metrics is written once, below
		c.runName, c.runFile, c.compareDir = r.name, r.file, shared.opts.Checkpoint
		c.opts.Label = r.name
		perRun := []*string{&c.opts.Checkpoint, &c.resume, &c.samples}
		for j, d := range dirs {
			if d.path != "" {
				*perRun[j] = filepath.Join(d.path, r.file+d.ext)
			}
		}
		rlog := func(s string) { logf("[" + r.name + "] " + s) }
		p, err := prepare(c, rlog)
		if err != nil {
			return exitFor(err), runError(r.name, err)
		}
		runs[i] = &compared{compareRun: r, p: p}
		roles = append(roles, c.outputRoles(p.opts.Checkpoint)...)
	}
	// The one metrics file: checked as a run's, then against every run's files.
	mc := newConfig()
	mc.metrics, mc.force, mc.dashboard = shared.metrics, shared.force, dash
	if err := mc.checkOutputs(""); err != nil {
		return exitFor(err), err
	}
	roles = append(roles, mc.outputRoles("")...)
	if err := checkCollisions(roles); err != nil {
		return ExitUsage, err
	}

	set, err := loadData(ctx, shared, logf)
	if err != nil {
		if cause := context.Cause(ctx); ctx.Err() != nil {
			return interrupted(cause, stderr, "", nil, ""), nil
		}
		return ExitFailure, err
	}
	if err := checkCollisions(append(roles, dataRoles(set)...)); err != nil {
		return ExitUsage, err
	}
	if shared.resume == "" { // a resumed comparison appends to its file
		if err := mc.checkOverwrites(""); err != nil {
			return ExitUsage, err
		}
	}
	sink := mc.newSink(false, logf)
	for _, r := range runs {
		if err := r.p.checkData(set); err != nil {
			return exitFor(err), runError(r.name, err)
		}
		var metrics io.Writer
		if sink != nil {
			metrics = runMetrics{sink, r.name}
		}
		if r.t, err = r.p.newTrainer(set, metrics); err != nil {
			return exitFor(err), runError(r.name, err)
		}
	}

	// The runs really start: take every output, clear killed runs' litter,
	// open the metrics file.
	locks := []outputLock{{"--metrics", shared.metrics, atomicfile.LockInPlace}}
	for _, r := range runs {
		locks = append(locks, outputLock{"[" + r.name + "] --checkpoint", r.p.opts.Checkpoint, atomicfile.Lock})
	}
	unlock, err := lockOutputs(locks)
	if err != nil {
		return ExitFailure, err
	}
	defer unlock()
	removeStale(logf, shared.metrics)
	for _, r := range runs {
		removeStale(logf, r.p.opts.Checkpoint, r.c.samples)
	}
	if sink != nil {
		if err := startSink(ctx, sink, shared.metrics, shared.resume != "", logf); err != nil {
			if cause := context.Cause(ctx); ctx.Err() != nil {
				return interrupted(cause, stderr, "", nil, ""), nil
			}
			return ExitFailure, err
		}
	}

	each, cores, restore := blasimpl.ShareThreads(shared.threads, len(runs))
	defer restore()
	ts := make([]*trainer.Trainer, len(runs))
	samples := make([]string, len(runs))
	for i, r := range runs {
		ts[i], samples[i] = r.t, r.c.samples
	}
	var errs []error
	w, stream := mc.epochStream(stdout, stderr)
	lines := newOutputQueue(w, ctx.Done())
	if dash {
		errs = liveRuns(ctx, ts, samples, func(rs []live.Run) error {
			return dashboard(ctx, rs, ViewOptions{ASCII: shared.ascii, Compare: true})
		})
	} else {
		names := make([]string, len(runs))
		for i, r := range runs {
			names[i] = r.name
		}
		for _, n := range shared.notes {
			logf(n)
		}
		logf(fmt.Sprintf("%d runs (%s), %s each on %s", len(runs), strings.Join(names, ", "), threadCount(each), plural(cores, "core")))
		errs = make([]error, len(runs))
		var mu sync.Mutex // one line at a time, whichever run writes it
		var wg sync.WaitGroup
		for i, r := range runs {
			wg.Go(func() {
				out := queuedOutput(lines)
				out.w = taggedWriter{&mu, lines, "[" + r.name + "]"}
				errOut := taggedWriter{&mu, stderr, "[" + r.name + "]"}
				errs[i] = liveRun(ctx, r.t, r.c.samples, headlessView(r.t, r.c, out, errOut))
			})
		}
		wg.Wait()
	}
	serr := closeSink(ctx, sink)
	printSummary(lines, runs)
	lost := unwrittenNote(lines.Close(outputGrace), stream)
	return compareOutcome(ctx, runs, errs, serr, lost, stderr), nil
}

// checkCompareDir vets a shared --checkpoint, --resume or --samples of
// vaetop compare: a directory that exists, holding one file per run.
func checkCompareDir(flag, dir, ext string) error {
	if dir == "" {
		return nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("%s %q: %w (compare keeps one file per run in this directory)", flag, dir, errors.Unwrap(err))
	}
	if !fi.IsDir() {
		return usageError{fmt.Sprintf("%s %q is not a directory: compare keeps one file per run in it (DIR/<run name>%s)", flag, dir, ext)}
	}
	return nil
}

// runError says which run an error is about, keeping it a usage error
// when it is one.
func runError(name string, err error) error {
	var ue usageError
	if errors.As(err, &ue) {
		return usageError{"[" + name + "] " + ue.msg}
	}
	return fmt.Errorf("[%s] %w", name, err)
}

// compareOutcome reports how the runs ended, one line for each that
// failed, and returns the exit code: a signal's, else 1 if any run or the
// metrics file failed.
func compareOutcome(ctx context.Context, runs []*compared, errs []error, sinkErr error, lost string, stderr io.Writer) int {
	code := ExitOK
	canceled := false
	var saved []string
	for i, err := range errs {
		r := runs[i]
		switch {
		case err == nil:
		case errors.Is(err, context.Canceled):
			canceled = true
			if d := cancelDetail(err); d != "" {
				fmt.Fprintf(stderr, "vaetop: [%s] %s\n", r.name, d)
				code = ExitFailure
			} else if ck := r.p.opts.Checkpoint; ck != "" {
				saved = append(saved, fmt.Sprintf("%q", ck))
			}
		default:
			fmt.Fprintf(stderr, "vaetop: [%s] %s\n", r.name, escapeControls(err.Error()))
			code = ExitFailure
		}
	}
	if sinkErr != nil {
		fmt.Fprintf(stderr, "vaetop: %s\n", escapeControls(sinkErr.Error()))
		code = ExitFailure
	}
	if canceled || lost != "" && ctx.Err() != nil { // a signal, maybe while the reader was stuck
		msg, sigCode := interruptCause(context.Cause(ctx))
		if len(saved) > 0 {
			msg += "; checkpoints saved to " + strings.Join(saved, ", ")
		}
		if lost != "" {
			msg += "; " + lost
		}
		fmt.Fprintln(stderr, "vaetop: "+msg)
		return sigCode
	}
	return code
}

// printSummary prints a table of the runs' last epochs: final train and
// test loss, active latent units, and training time (epochs' seconds,
// test passes excluded).
func printSummary(w io.Writer, runs []*compared) {
	rows := [][]string{{"run", "epochs", "train loss", "test loss", "active units", "seconds"}}
	for _, r := range runs {
		sub := r.t.Subscribe()
		s, ok := sub.Next()
		sub.Close()
		row := []string{r.name, "0", "-", "-", "-", "0.0"}
		if ok {
			row[1] = fmt.Sprintf("%d/%d", len(s.EpochHistory), s.Epochs)
			if h := s.EpochHistory; len(h) > 0 {
				last := h[len(h)-1]
				secs := 0.0
				for _, m := range h {
					secs += m.Seconds
				}
				row[2], row[3] = fmt.Sprintf("%.4f", last.TrainLoss), fmt.Sprintf("%.4f", last.TestLoss)
				row[4] = fmt.Sprintf("%d/%d", last.ActiveUnits, r.t.Info().Latent)
				row[5] = fmt.Sprintf("%.1f", secs)
			}
		}
		rows = append(rows, row)
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for j, cell := range row {
			widths[j] = max(widths[j], utf8.RuneCountInString(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for j, cell := range row {
			pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(cell))
			switch {
			case j == 0: // names left, figures right
				b.WriteString(cell + pad)
			default:
				b.WriteString("  " + pad + cell)
			}
		}
		b.WriteString("\n")
	}
	io.WriteString(w, b.String())
}

// runMetrics writes a run's metrics lines into the comparison's one sink,
// each with the run's name added as "run".
type runMetrics struct {
	w    io.Writer
	name string
}

func (m runMetrics) Write(p []byte) (int, error) {
	line := bytes.TrimSuffix(p, []byte("\n"))
	if !bytes.HasSuffix(line, []byte("}")) {
		return m.w.Write(p) // not a JSON object: not reached (trainer.MetricLine)
	}
	name, _ := json.Marshal(m.name)
	out := make([]byte, 0, len(p)+len(name)+8)
	out = append(out, line[:len(line)-1]...)
	if !bytes.HasSuffix(bytes.TrimSpace(out), []byte("{")) {
		out = append(out, ',')
	}
	out = append(append(append(out, `"run":`...), name...), "}\n"...)
	if _, err := m.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// taggedWriter prefixes every line a run writes with its tag, after
// "vaetop: " when the line starts so ("vaetop: [latent 16] warning: …"),
// and writes each Write whole under mu, so runs' lines never interleave.
type taggedWriter struct {
	mu  *sync.Mutex
	w   io.Writer
	tag string
}

func (t taggedWriter) Write(p []byte) (int, error) {
	const head = "vaetop: "
	var b []byte
	for rest := p; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line = rest[:i+1]
		}
		rest = rest[len(line):]
		if bytes.HasPrefix(line, []byte(head)) {
			b = append(append(append(b, head...), t.tag+" "...), line[len(head):]...)
		} else {
			b = append(append(b, t.tag+" "...), line...)
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, err := t.w.Write(b); err != nil {
		return 0, err
	}
	return len(p), nil
}
