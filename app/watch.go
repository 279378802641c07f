package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/charmbracelet/x/term"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui"
	"github.com/vaetop/vaetop/watch"
	"github.com/vaetop/vaetop/watch/format"
)

const watchUsage = "usage: vaetop watch [--format F] [--ascii] [--listen ADDR …] FILE …"

// watchSpec is vaetop watch's command line.
type watchSpec struct {
	files []string
	kind  format.Kind
	ascii bool
	serve serveFlags
}

// watchMain is `vaetop watch FILE …`: other trainers' metrics files,
// followed live like `tail -F` and drawn as a grid of charts, locally or
// over SSH (--listen).
func watchMain(args []string, stdout, stderr io.Writer, dashboard Dashboard) int {
	w, err := parseWatch(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, watchUsage)
		fmt.Fprintln(stdout, "Follows metrics files (JSON Lines, CSV: Lightning, Keras; vaetop's own) as they grow; keys: ? in the screen.")
		fmt.Fprintln(stdout, "--format: auto (from the content), jsonl, vaetop, csv, lightning or keras.")
		return ExitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "vaetop watch: %v (%s)\n", err, watchUsage)
		return ExitUsage
	}
	terminal := dashboard != nil && term.IsTerminal(os.Stdout.Fd()) && term.IsTerminal(os.Stdin.Fd())
	if !terminal && w.serve.listen == "" {
		fmt.Fprintln(stderr, "vaetop watch: needs a terminal (stdin and stdout), or --listen ADDR to serve the screen over SSH")
		return ExitUsage
	}
	if !terminal {
		dashboard = nil
	}
	return command("vaetop watch", stderr, func(ctx context.Context) (int, error) {
		err := runWatch(ctx, w, stderr, dashboard)
		switch {
		case errors.Is(err, context.Canceled):
			return interrupted(context.Cause(ctx), stderr, "", nil, ""), nil
		case err != nil:
			return ExitFailure, err
		}
		return ExitOK, nil
	})
}

// parseWatch reads the flags, which may come before or after the files.
func parseWatch(args []string) (watchSpec, error) {
	fs := flag.NewFlagSet("vaetop watch", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	kind := fs.String("format", "auto", "the files' format")
	var w watchSpec
	fs.BoolVar(&w.ascii, "ascii", false, "no colour")
	w.serve.addFlags(fs)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return w, err
			}
			return w, errors.New(oneLine(err))
		}
		if fs.NArg() == 0 {
			break
		}
		w.files = append(w.files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	k, err := format.ParseKind(*kind)
	if err != nil {
		return w, fmt.Errorf("--format: %v", err)
	}
	w.kind = k
	if len(w.files) == 0 {
		return w, errors.New("which metrics file?")
	}
	for _, f := range w.files {
		if st, err := os.Stat(f); err == nil && st.IsDir() {
			return w, fmt.Errorf("%q is a directory: give its metrics file (e.g. %s/metrics.csv)", f, f)
		}
	}
	return w, w.serve.check()
}

// runWatch follows the files until the viewer quits or ctx ends.
func runWatch(ctx context.Context, w watchSpec, stderr io.Writer, dashboard Dashboard) error {
	say := func(s string) { fmt.Fprintln(stderr, "vaetop: "+s) }
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	files := make([]*watch.File, len(w.files))
	sources := make([]live.Source, len(w.files))
	var wg sync.WaitGroup
	defer wg.Wait()
	defer stop() // before the wait: the followers stop first
	for i, path := range w.files {
		files[i] = watch.New(path, watch.Options{Format: w.kind})
		sources[i] = files[i]
		wg.Add(1)
		go func() { defer wg.Done(); files[i].Run(ctx) }()
	}
	srv, err := startServer(w.serve, sources, tui.Options{ASCII: w.ascii, Watch: true}, dashboard != nil, say)
	if err != nil {
		return err
	}
	if srv != nil {
		defer srv.ln.Close()
	}
	defer srv.run(ctx, say)()
	if dashboard == nil { // served only: until a signal
		<-ctx.Done()
		return context.Canceled
	}
	runs := make([]live.Run, len(files))
	for i, f := range files {
		runs[i] = f.Viewer()
	}
	return dashboard(ctx, runs, ViewOptions{ASCII: w.ascii, Watch: true, Viewers: srv.viewers()})
}
