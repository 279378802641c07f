package tui

import (
	"context"
	"errors"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
)

// Run shows the dashboard on the terminal until the user leaves it: q
// returns nil, Ctrl-C context.Canceled, and so does ctx ending. Leaving
// detaches the viewer (its feeds are closed); the runs go on, and whoever
// started them stops them. The dashboard shows runs[0]; compare mode will
// show them side by side.
func Run(ctx context.Context, runs []live.Run, opts Options) error {
	return run(ctx, runs, opts)
}

// run is Run with extra program options (tests give their own terminal).
func run(ctx context.Context, runs []live.Run, opts Options, extra ...tea.ProgramOption) error {
	if len(runs) == 0 {
		return errors.New("tui: no run to show")
	}
	defer func() {
		for _, r := range runs {
			r.Feed.Close()
		}
	}()
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.NewRenderer(os.Stdout)
		if opts.ASCII {
			opts.Renderer.SetColorProfile(termenv.Ascii)
		}
	}
	m := New(runs, opts)
	// The trainer publishes about 7 snapshots a second, so 10 frames a
	// second show every one; each renderer tick takes a worker's P from
	// training for a moment (README, "Speed": tools/dashboard-ab.sh gives
	// 99.0% of headless speed at 10 frames a second over 10 rounds on a
	// 2-core AMD EPYC).
	popts := []tea.ProgramOption{tea.WithAltScreen(), tea.WithFPS(10)}
	if len(extra) == 0 { // tests bring their own input
		if keys, restore, err := openKeyboard(); err == nil {
			defer restore()
			popts = append(popts, tea.WithInput(keys))
		}
	}
	p := tea.NewProgram(m, append(popts, extra...)...)
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
