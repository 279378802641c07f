package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/tui/widget"
)

// dashScreen is the dashboard: one run's step and epoch charts, its
// gradient norms, its digits and its status. It is the root's first screen
// for a single run.
type dashScreen struct {
	*Model
	chartPanel
	keys *keyMap
	// Each chart shows one series for its whole life; the compact layout
	// shows klLow or gradLow under the total loss, by the focused pane.
	total, rec, kl, epoch, grad, klLow, gradLow *widget.Chart
	digits                                      digitPane
}

func newDashScreen(root *Model) *dashScreen {
	th := root.theme
	m := &dashScreen{Model: root, chartPanel: newChartPanel(root)}
	m.keys = newKeyMap(m)
	m.total, m.rec, m.kl = widget.NewChart(th, false), widget.NewChart(th, false), widget.NewChart(th, false)
	m.epoch, m.grad = widget.NewChart(th, true), widget.NewChart(th, false)
	m.klLow, m.gradLow = widget.NewChart(th, false), widget.NewChart(th, false)
	return m
}

func (m *dashScreen) keyTable() keyTable { return m.keys }

func (m *dashScreen) handle(b *binding, k string) tea.Cmd { return m.handleDefault(b, k) }

func (m *dashScreen) invalidate() { m.lim.invalidate() }

func (m *dashScreen) syncKeys() { m.keys.sync(m.Model) }

// update marks the charts stale when the run on screen has new data.
func (m *dashScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case runUpdated:
		if msg.rs == m.cur {
			m.lim.dirty = true
		}
	case redrawMsg:
		m.lim.pending = false
	}
	return nil
}

// refresh redraws the dashboard's stale blocks. Charts fed by streaming
// data redraw at most every ChartInterval (a redrawMsg catches up on the
// last data); user actions and resizes redraw at once. The digits redraw
// only when the trainer sends new images.
func (m *dashScreen) refresh(now time.Time) tea.Cmd {
	var cmd tea.Cmd
	bodyDirty := m.lim.force
	if m.lay.mode != tooSmall && !m.showHelp {
		var feed bool
		if feed, cmd = m.lim.due(now, m.opts.ChartInterval); feed {
			m.feedCharts()
			bodyDirty = true
		}
		if m.digits.update(m.lay.rightW, m.lay.body, m.digitStyle, m.theme.Profile(), m.cur.reconShown(), m.cur.snap.Samples) {
			bodyDirty = true
		}
	}
	if m.lay.mode != tooSmall {
		m.header = m.status.view()
	}
	if bodyDirty {
		m.body = m.bodyView()
		m.helpLine = widget.Fit(" "+m.help.ShortHelpView(m.keys.ShortHelp()), m.lay.w)
	}
	m.lim.force = false
	return cmd
}

// feedCharts hands the history to the charts of the current layout, with
// each pane's log and zoom settings.
func (m *dashScreen) feedCharts() {
	h, th := &m.cur.hist, m.theme
	perStep := func(s *series, st lipgloss.Style) []widget.Line {
		if m.smoothing == 0 {
			return []widget.Line{{X: h.steps, Y: s.raw, Style: st}}
		}
		return []widget.Line{{X: h.steps, Y: s.raw, Style: th.Raw}, {X: h.steps, Y: s.ema, Style: st, Raw: s.raw}}
	}
	set := feedChart
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
			set(m.gradLow, m.lay.lower, grad, perStep(&h.gnorm, th.Grad), nil, m.cur.snap.Clip)
		} else {
			set(m.klLow, m.lay.lower, loss, append(perStep(&h.kl, th.KL), h.betaLine(th.Marker)...), h.betaMarks, 0)
		}
	}
}

// epochLines are train and test loss per finished epoch.
func (m *dashScreen) epochLines() []widget.Line {
	n := len(m.cur.hist.epochs)
	x, train, test := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, e := range m.cur.hist.epochs {
		x[i], train[i], test[i] = float64(e.Epoch), e.TrainLoss, e.TestLoss
	}
	return []widget.Line{{X: x, Y: train, Style: m.theme.Train}, {X: x, Y: test, Style: m.theme.Test}}
}
