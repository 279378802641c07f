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
	"strings"
	"sync"
	"unicode/utf8"
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
	return command("vaetop compare", stderr, func(ctx context.Context) (int, error) {
		return compare(ctx, shared, runs, dashboard, stdout, stderr)
	})
}

// compare trains what parseCompare read: the pipeline of its runs.
func compare(ctx context.Context, shared *config, parsed []*compareRun, dashboard Dashboard, stdout, stderr io.Writer) (int, error) {
	dash := dashboard != nil && shared.useDashboard()
	logf := func(s string) { fmt.Fprintln(stderr, "vaetop: "+s) }
	return newComparison(shared, parsed, dash, logf).start(ctx, dashboard, stdout, stderr)
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
func compareOutcome(ctx context.Context, runs []*plannedRun, errs []error, sinkErr error, lost string, stderr io.Writer) int {
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
			} else if ck := r.opts.Checkpoint; ck != "" {
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
func printSummary(w io.Writer, runs []*plannedRun) {
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
