package tui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

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

// chartPane is the pane whose charts the chart keys act on: the focused one,
// or the loss charts while the digits have focus.
func (m *Model) chartPane() pane {
	if m.focus == gradPane {
		return gradPane
	}
	return lossPane
}

func (m *Model) toggleLog(string) tea.Cmd {
	p := m.chartPane()
	m.modes[p].logY = !m.modes[p].logY
	state := "off"
	if m.modes[p].logY {
		state = "on"
	}
	m.setNote(fmt.Sprintf("log-Y %s (%s)", state, paneNames[p]))
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

// stepSpan is the step range of the history.
func (m *Model) stepSpan() (float64, float64, bool) {
	n := len(m.cur.hist.steps)
	if n == 0 {
		return 0, 0, false
	}
	return m.cur.hist.steps[0], m.cur.hist.steps[n-1], true
}

func (m *Model) zoom(in bool) {
	lo, hi, ok := m.stepSpan()
	if !ok {
		return
	}
	p := m.chartPane()
	m.modes[p].win = m.modes[p].win.Zoom(in, lo, hi)
	m.setNote(paneNames[p] + ": " + windowLabel(m.modes[p].win))
	m.invalidate()
}

func (m *Model) zoomIn(string) tea.Cmd  { m.zoom(true); return nil }
func (m *Model) zoomOut(string) tea.Cmd { m.zoom(false); return nil }

func (m *Model) pan(k string) tea.Cmd {
	lo, hi, ok := m.stepSpan()
	if !ok {
		return nil
	}
	dir := 1
	if k == "left" {
		dir = -1
	}
	p := m.chartPane()
	m.modes[p].win = m.modes[p].win.Pan(dir, lo, hi)
	m.invalidate()
	return nil
}

func (m *Model) cycleFocus(k string) tea.Cmd {
	step := pane(1)
	if k == "shift+tab" {
		step = numPanes - 1
	}
	m.focus = (m.focus + step) % numPanes
	m.invalidate()
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
