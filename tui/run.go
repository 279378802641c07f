package tui

import (
	"context"
	"errors"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
)

// Run shows the tui on the local terminal until the user leaves it: q
// returns nil, Ctrl-C context.Canceled, and so does ctx ending. It opens
// the local keyboard and, on leaving, closes the runs' feeds: the viewer
// detaches, the runs go on, and whoever started them stops them.
func Run(ctx context.Context, runs []live.Run, opts Options) error {
	if len(runs) == 0 && !opts.waitsForRuns() {
		return errors.New("tui: no run to show")
	}
	defer closeFeeds(runs)
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.NewRenderer(os.Stdout)
		if opts.ASCII {
			opts.Renderer.SetColorProfile(termenv.Ascii)
		}
	}
	var in io.Reader // bubbletea's default: stdin, or the terminal when stdin is not one
	if keys, restore, err := openKeyboard(); err == nil {
		defer restore()
		in = keys
	}
	// The caller's ctx carries the signals (RunProgram quits on it).
	// bubbletea's own handler would also send a QuitMsg on SIGTERM, with
	// a blocking send: when ctx's quit wins, nothing reads that message,
	// and bubbletea's shutdown waits for the handler forever.
	p, err := NewProgram(runs, opts, in, os.Stdout, tea.WithoutSignalHandler())
	if err != nil {
		return err
	}
	return RunProgram(ctx, p)
}

// NewProgram is the tui over runs as a bubbletea program drawn with
// opts.Renderer (nil: no colour), reading keys from in (nil: bubbletea's
// default) and writing frames to out: a local terminal, or one SSH session
// with its own renderer. It
// neither opens a keyboard nor closes the runs' feeds: both are its
// caller's. extra options come last (a session's own, tests').
func NewProgram(runs []live.Run, opts Options, in io.Reader, out io.Writer, extra ...tea.ProgramOption) (*tea.Program, error) {
	if len(runs) == 0 && !opts.waitsForRuns() {
		return nil, errors.New("tui: no run to show")
	}
	// The trainer publishes about 7 snapshots a second, so 10 frames a
	// second show every one; each renderer tick takes a worker's P from
	// training for a moment (docs/speed.md: tools/dashboard-ab.sh gives
	// 99.0% of headless speed at 10 frames a second over 10 rounds on a
	// 2-core AMD EPYC).
	popts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithFPS(10), tea.WithOutput(out)}
	if in != nil {
		popts = append(popts, tea.WithInput(in))
	}
	var model tea.Model = New(runs, opts)
	if opts.Wrap != nil {
		model = opts.Wrap(model)
	}
	return tea.NewProgram(model, append(popts, extra...)...), nil
}

// RunProgram runs p until the user leaves it or ctx ends (then it quits
// p): nil after q or ctx, context.Canceled after Ctrl-C.
func RunProgram(ctx context.Context, p *tea.Program) error {
	progDone := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done(): // a signal: the program that started the runs ends
			p.Quit()
		case <-progDone:
		}
	}()
	_, perr := p.Run()
	close(progDone)
	switch {
	case errors.Is(perr, tea.ErrInterrupted): // Ctrl-C (the interrupt binding, or SIGINT)
		return context.Canceled
	case perr != nil && !errors.Is(perr, tea.ErrProgramKilled):
		return perr
	}
	return nil
}

// closeFeeds detaches a viewer from its runs.
func closeFeeds(runs []live.Run) {
	for _, r := range runs {
		r.Feed.Close()
	}
}
