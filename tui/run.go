package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/app"
	"github.com/vaetop/vaetop/grid"
	"github.com/vaetop/vaetop/trainer"
)

// Run trains with t in the background and shows the dashboard on the
// terminal until the user quits. Quitting stops the trainer (which saves a
// checkpoint when one is configured) and waits for it; the result is the
// training loop's error, context.Canceled after an interrupt.
func Run(ctx context.Context, t *trainer.Trainer, opts app.DashboardOptions) error {
	return run(ctx, t, opts)
}

// run is Run with extra program options (tests give their own terminal).
func run(ctx context.Context, t *trainer.Trainer, opts app.DashboardOptions, extra ...tea.ProgramOption) error {
	sub := t.Subscribe()
	defer sub.Close()
	runDone := make(chan struct{})
	var runErr error
	go func() {
		defer close(runDone)
		runErr = t.Run(ctx)
	}()

	r := lipgloss.NewRenderer(os.Stdout)
	if opts.ASCII {
		r.SetColorProfile(termenv.Ascii)
	}
	m := New(t, sub, Options{Renderer: r, ASCII: opts.ASCII})
	// 20 frames a second is what the trainer publishes; the default 60 only
	// adds wake-ups that take a core from training.
	p := tea.NewProgram(m, append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithFPS(20)}, extra...)...)

	progDone := make(chan struct{})
	go func() {
		select {
		case <-runDone: // stopped on its own: an error, or ctx
			p.Send(runDoneMsg{err: runErr})
			if ctx.Err() != nil {
				p.Quit()
			}
		case <-progDone:
		}
	}()
	_, perr := p.Run()
	close(progDone)

	stopAndWait(t, runDone)
	if opts.Samples != "" {
		if err := writeSamples(opts.Samples, m); err != nil && runErr == nil {
			runErr = err
		}
	}
	switch {
	case runErr != nil:
		return runErr
	case errors.Is(perr, tea.ErrInterrupted): // Ctrl-C (the interrupt binding, or SIGINT)
		return context.Canceled
	case perr != nil && !errors.Is(perr, tea.ErrProgramKilled):
		return perr
	}
	return nil
}

// stopAndWait sends Stop until the trainer takes it, then waits for Run to
// return (it saves the checkpoint first).
func stopAndWait(t *trainer.Trainer, done <-chan struct{}) {
	for !t.Send(trainer.Stop{}) {
		select {
		case <-done:
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	<-done
}

// writeSamples saves the last sample grid shown as an 8-column PNG.
func writeSamples(path string, m *Model) error {
	s, ok := m.Snapshot()
	if !ok || s.Samples == nil {
		return nil
	}
	im := s.Samples
	if err := grid.WritePNG(path, im.Pixels, im.N, im.W, im.H, 8); err != nil {
		return fmt.Errorf("--samples: %v", err)
	}
	return nil
}
