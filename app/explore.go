package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/x/term"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/trainer"
	"github.com/vaetop/vaetop/tui"
)

const exploreUsage = "usage: vaetop explore [--data DIR] [--no-download] [--ascii] [--listen ADDR …] FILE.ckpt"

// exploreMain is `vaetop explore FILE.ckpt`: the latent explorer alone,
// over a checkpoint's weights, with no training and nothing written.
func exploreMain(args []string, stdout, stderr io.Writer, dashboard Dashboard) int {
	fs := flag.NewFlagSet("vaetop explore", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	data := fs.String("data", "", "MNIST directory")
	noDownload := fs.Bool("no-download", false, "never download MNIST")
	ascii := fs.Bool("ascii", false, "digits as an ASCII ramp, no colour")
	var sf serveFlags
	sf.addFlags(fs)
	// Flags may come before or after the file.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintln(stdout, exploreUsage)
				fmt.Fprintln(stdout, "Opens the latent explorer on a checkpoint's weights; q quits. Keys: ? in the explorer.")
				return ExitOK
			}
			fmt.Fprintf(stderr, "vaetop explore: %s (%s)\n", oneLine(err), exploreUsage)
			return ExitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if err := checkEmptyPaths(fs); err != nil {
		fmt.Fprintf(stderr, "vaetop explore: %v (%s)\n", err, exploreUsage)
		return ExitUsage
	}
	switch {
	case len(files) == 0:
		fmt.Fprintf(stderr, "vaetop explore: which checkpoint? (%s)\n", exploreUsage)
		return ExitUsage
	case files[0] == "":
		fmt.Fprintf(stderr, "vaetop explore: an empty path was given for the checkpoint (an unset variable?) (%s)\n", exploreUsage)
		return ExitUsage
	case len(files) > 1:
		fmt.Fprintf(stderr, "vaetop explore: one checkpoint at a time, got %q and %q\n", files[0], files[1])
		return ExitUsage
	}
	spec := exploreSpec{*data, *noDownload, *ascii, sf, nil}
	spec.pre = prefetchData(spec.dataOptions(nil)) // the test set loads while the checkpoint is read
	defer spec.pre.stop()
	ck, err := trainer.ReadCheckpoint(files[0]) // before the data: a bad file should not wait
	if err != nil {
		fmt.Fprintf(stderr, "vaetop explore: %v\n", err)
		return ExitFailure
	}
	if err := sf.check(); err != nil {
		fmt.Fprintf(stderr, "vaetop explore: %v (%s)\n", err, exploreUsage)
		return ExitUsage
	}
	if dashboard == nil || !term.IsTerminal(os.Stdout.Fd()) || !term.IsTerminal(os.Stdin.Fd()) {
		fmt.Fprintln(stderr, "vaetop explore: needs a terminal (stdin and stdout)")
		return ExitUsage
	}
	return command("vaetop explore", stderr, func(ctx context.Context) (int, error) {
		err := explore(ctx, ck, files[0], spec, stderr, dashboard)
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

// exploreSpec is explore's flags beyond the checkpoint, and the data
// being loaded for it.
type exploreSpec struct {
	dir        string
	noDownload bool
	ascii      bool
	serve      serveFlags
	pre        *dataPrefetch
}

// dataOptions is where and how explore looks for MNIST; logf gets the
// lookup's progress lines. The explorer shows the test set only: the
// training set's headers suffice for the checks against the checkpoint.
func (x exploreSpec) dataOptions(logf func(string)) mnist.Options {
	return mnist.Options{Dir: x.dir, NoDownload: x.noDownload, Log: logf, TestOnly: true}
}

func explore(ctx context.Context, ck *trainer.Checkpoint, path string, x exploreSpec, stderr io.Writer, dashboard Dashboard) error {
	say := func(s string) { fmt.Fprintln(stderr, "vaetop: "+s) }
	var logf func(string)
	if !x.noDownload {
		logf = say
	}
	set, err := x.pre.open(ctx, x.dataOptions(logf))
	if err != nil {
		return err
	}
	for _, w := range set.Warnings {
		say("warning: " + w)
	}
	opts := ck.Options
	opts.DataSource = set.Source
	opts.Checkpoint, opts.Metrics = "", nil // nothing is written
	t, err := trainer.ViewCheckpoint(ck, opts, trainer.Data{Train: set.Train, Test: set.Test})
	if err != nil {
		return err
	}
	// The screen comes up while the test set is encoded.
	src, measured := t.OfflineStart(path)
	defer func() { <-measured }()
	srv, err := startServer(x.serve, []live.Source{src}, tui.Options{ASCII: x.ascii, ExploreOnly: true}, true, say)
	if err != nil {
		return err
	}
	if srv != nil {
		defer srv.ln.Close()
	}
	defer srv.run(ctx, say)()
	// Ctrl-C returns context.Canceled: exit 130, as in training.
	return dashboard(ctx, []live.Run{src.Viewer()}, ViewOptions{ASCII: x.ascii, Explore: true, Viewers: srv.viewers()})
}
