package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui"
	"github.com/vaetop/vaetop/watch"
	"github.com/vaetop/vaetop/watch/format"
)

const watchUsage = "usage: vaetop watch [--format F] [--ascii] [--listen ADDR …] FILE … | DIR …"

// watchSpec is vaetop watch's command line.
type watchSpec struct {
	files []string
	dirs  []string // vaetop watch DIR …: every run below them
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
		fmt.Fprintln(stdout, "With directories, lists every run below them (metrics files, Lightning's version_N, Hugging Face output dirs; links followed) and draws the picked ones together.")
		fmt.Fprintln(stdout, "--format: auto (from the content), jsonl, vaetop, csv, lightning or keras. --ascii: no colour.")
		fmt.Fprintln(stdout, "Serving over SSH (docs/serve.md): --listen ADDR, --host-key FILE, --authorized-keys FILE, --color, --fps; every viewer only watches.")
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
		if err == nil && ctx.Err() != nil {
			err = context.Canceled // a signal quit the screen: 128+n, not 0
		}
		switch {
		case errors.Is(err, context.Canceled):
			return interrupted(context.Cause(ctx), stderr, "", nil, ""), nil
		case err != nil:
			return ExitFailure, err
		}
		return ExitOK, nil
	})
}

// runWatch follows the files, or the runs below the directory, until the
// viewer quits or ctx ends.
func runWatch(ctx context.Context, w watchSpec, stderr io.Writer, dashboard Dashboard) error {
	say := func(s string) { fmt.Fprintln(stderr, "vaetop: "+s) }
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	defer stop() // before the wait: the followers stop first
	var sources []live.Source
	var catalog live.Catalog
	if len(w.dirs) > 0 {
		d, err := findRuns(ctx, w, dashboard == nil, say)
		if err != nil {
			return err
		}
		sources, catalog = d.Sources(), d
		wg.Add(1)
		go func() { defer wg.Done(); d.Run(ctx) }()
	} else {
		for _, path := range w.files {
			f := watch.New(path, watch.Options{Format: w.kind})
			if dir, ok := watch.HFDirOf(path); ok { // the Trainer's own file: its run
				label := dir
				if filepath.IsAbs(dir) && !filepath.IsAbs(path) {
					label = filepath.Base(dir) // given from inside the checkpoint
				}
				f = watch.NewHF(dir, watch.Options{Label: label})
			}
			sources = append(sources, f)
			wg.Add(1)
			go func() { defer wg.Done(); f.Run(ctx) }()
		}
	}
	return viewWatch(ctx, w, sources, catalog, stderr, dashboard)
}

// findRuns scans the directory. Served only (no screen of its own to say
// so), it waits until a first run appears; the screen's run list waits
// itself.
func findRuns(ctx context.Context, w watchSpec, wait bool, say func(string)) (*watch.Dir, error) {
	d := watch.NewDirs(w.dirs, watch.Options{Format: w.kind})
	d.Scan()
	if d.Len() > 0 || !wait {
		return d, nil
	}
	say(fmt.Sprintf("no runs below %s yet (metrics files *.jsonl, *.ndjson, *.csv; Hugging Face checkpoint-N): waiting for one", strings.Join(w.dirs, ", ")))
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for d.Len() == 0 {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-tick.C:
			d.Scan()
		}
	}
	return d, nil
}

// viewWatch shows the runs on the local terminal, or serves them only.
func viewWatch(ctx context.Context, w watchSpec, sources []live.Source, catalog live.Catalog, stderr io.Writer, dashboard Dashboard) error {
	say := func(s string) { fmt.Fprintln(stderr, "vaetop: "+s) }
	srv, err := startServer(w.serve, sources, tui.Options{ASCII: w.ascii, Watch: true, Catalog: catalog}, dashboard != nil, say)
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
	runs := make([]live.Run, len(sources))
	for i, s := range sources {
		runs[i] = s.Viewer()
	}
	return dashboard(ctx, runs, ViewOptions{ASCII: w.ascii, Watch: true, Catalog: catalog, Viewers: srv.viewers()})
}
