package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// The screen-level handlers of the key tables: display settings, charts,
// focus, help and leaving. The keys that steer a run are in run_actions.go.

func (m *Model) toggleASCII(string) tea.Cmd {
	if m.digitStyle == asciiRamp {
		m.digitStyle = halfBlock
	} else {
		m.digitStyle = asciiRamp
	}
	m.invalidate()
	return nil
}

func (m *Model) setSmoothing(v float64) {
	if v != m.smoothing {
		m.smoothing = v
		for _, rs := range m.runs { // every run's history takes the same EMA
			rs.hist.resmooth(v)
		}
	}
	m.setNote("smoothing " + widget.FixedDecimals(v, 3))
	m.invalidate()
}

func (m *Model) smoothMore(string) tea.Cmd {
	m.setSmoothing(stepLevel(smoothingLevels, m.smoothing, +1))
	return nil
}

func (m *Model) smoothLess(string) tea.Cmd {
	m.setSmoothing(stepLevel(smoothingLevels, m.smoothing, -1))
	return nil
}

func (m *Model) toggleHelp(string) tea.Cmd {
	m.showHelp = !m.showHelp
	m.invalidate()
	return nil
}

// quit leaves the dashboard. It sends the run nothing: leaving a viewer
// detaches it, and the program that started the run stops it (saving the
// checkpoint) once the dashboard has returned.
func (m *Model) quit(string) tea.Cmd {
	m.quitting = true
	return tea.Quit
}

// interrupt is Ctrl-C: the same, but the program ends with
// tea.ErrInterrupted, which Run reports as context.Canceled, so the app
// exits as interrupted (130) rather than done (0).
func (m *Model) interrupt(string) tea.Cmd {
	m.quitting = true
	return tea.Interrupt
}

// stopRun is a session's S, once confirmed: the run stops and saves, and
// the server goes on showing it.
func (m *Model) stopRun(answer string) tea.Cmd {
	if strings.TrimSpace(answer) != "yes" {
		m.setNote("not stopped")
		return nil
	}
	if why := m.steer.send(m.cur, live.Stop{}); why != "" {
		m.setNote(why)
		return nil
	}
	m.setNote("stopping the run; it saves its checkpoint")
	return nil
}

var paneNames = [numPanes]string{"loss", "gradients", "digits"}

// windowLabel describes a step window for titles.
func windowLabel(w widget.Window) string {
	switch {
	case w.Span <= 0:
		return "all steps"
	case w.End > 0:
		return fmt.Sprintf("%s steps to %s", widget.FmtCount(w.Span), widget.FmtCount(w.End))
	default:
		return "last " + widget.FmtCount(w.Span) + " steps"
	}
}
