package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/tui/widget"
)

// refresh rebuilds the cached blocks that are stale. Charts fed by
// streaming data redraw at most every ChartInterval (a redrawMsg catches up
// on the last data); user actions and resizes redraw at once. The digits
// redraw only when the trainer sends new images.
func (m *Model) refresh() tea.Cmd {
	if m.lay.w == 0 {
		return nil
	}
	now := m.opts.Now()
	if m.note != "" && now.After(m.noteUntil) {
		m.note = ""
	}
	// A message too long for the status line takes rows from the panes
	// while it lasts.
	if need := min(m.messageRows(), maxMessageRows); m.lay.mode != tooSmall && need != m.lay.msgRows {
		m.lay = newLayoutWithMessage(m.lay.w, m.lay.h, need)
		m.invalidate()
	}
	if m.exploring {
		if m.lay.mode != tooSmall {
			m.header = m.statusView()
		}
		m.force = false
		return m.explorer.refreshExplorer()
	}
	if m.compare {
		return m.refreshCompare(now)
	}
	var cmd tea.Cmd
	bodyDirty := m.force
	if m.lay.mode != tooSmall && !m.showHelp {
		if m.dataDirty {
			wait := m.opts.ChartInterval - now.Sub(m.lastChartDraw)
			switch {
			case m.force || wait <= 0:
				m.feedCharts()
				m.dataDirty, m.lastChartDraw, bodyDirty = false, now, true
			case !m.redrawPending:
				m.redrawPending = true
				cmd = tea.Tick(wait, func(time.Time) tea.Msg { return redrawMsg{} })
			}
		}
		if m.digits.update(m.lay.rightW, m.lay.body, m.digitStyle, m.theme.Profile(), m.cur.reconShown(), m.cur.snap.Samples) {
			bodyDirty = true
		}
	}
	if m.lay.mode != tooSmall {
		m.header = m.statusView()
	}
	if bodyDirty {
		m.body = m.bodyView()
		m.helpLine = widget.Fit(" "+m.help.ShortHelpView(m.keys.ShortHelp()), m.lay.w)
	}
	m.force = false
	return cmd
}

// feedCharts hands the history to the charts of the current layout, with
// each pane's log and zoom settings.
func (m *Model) feedCharts() {
	h, th := &m.cur.hist, m.theme
	perStep := func(s *series, st lipgloss.Style) []widget.Line {
		if m.smoothing == 0 {
			return []widget.Line{{X: h.steps, Y: s.raw, Style: st}}
		}
		return []widget.Line{{X: h.steps, Y: s.raw, Style: th.Raw}, {X: h.steps, Y: s.ema, Style: st}}
	}
	set := func(c *widget.Chart, b box, mode chartMode, lines []widget.Line, marks []widget.Mark, hline float64) {
		c.SetSize(b.w, b.h-1) // the pane's title takes a row
		c.SetMode(mode.logY, mode.win)
		c.SetData(lines, marks, hline)
	}
	loss, grad := m.modes[lossPane], m.modes[gradPane]
	switch m.lay.mode {
	case full:
		set(m.total, m.lay.loss, loss, perStep(&h.loss, th.Loss), h.betaMarks, 0)
		set(m.rec, m.lay.rec, loss, perStep(&h.rec, th.Rec), nil, 0)
		set(m.kl, m.lay.kl, loss, append(perStep(&h.kl, th.KL), h.betaLine(th.Marker)...), h.betaMarks, 0)
		set(m.epoch, m.lay.epoch, chartMode{logY: loss.logY}, m.epochLines(), nil, 0)
		set(m.grad, m.lay.grad, grad, perStep(&h.gnorm, th.Grad), nil, m.cur.snap.Clip)
	case compact:
		set(m.total, m.lay.top, loss, perStep(&h.loss, th.Loss), h.betaMarks, 0)
		if m.focus == gradPane {
			set(m.lower, m.lay.lower, grad, perStep(&h.gnorm, th.Grad), nil, m.cur.snap.Clip)
		} else {
			set(m.lower, m.lay.lower, loss, append(perStep(&h.kl, th.KL), h.betaLine(th.Marker)...), h.betaMarks, 0)
		}
	}
}

// epochLines are train and test loss per finished epoch.
func (m *Model) epochLines() []widget.Line {
	n := len(m.cur.hist.epochs)
	x, train, test := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, e := range m.cur.hist.epochs {
		x[i], train[i], test[i] = float64(e.Epoch), e.TrainLoss, e.TestLoss
	}
	return []widget.Line{{X: x, Y: train, Style: m.theme.Train}, {X: x, Y: test, Style: m.theme.Test}}
}
