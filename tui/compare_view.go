package tui

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/vaetop/vaetop/tui/widget"
)

// The compare screen's drawing: its layout, charts and header (its digits
// are in compare_digits.go).

// cmpLayout splits the compare screen: a title row and a row per run on
// top, the key help at the bottom; charts left, digits right.
type cmpLayout struct {
	header, body  int
	leftW, rightW int
	full          bool
	loss          box // total loss per step, left width
	rec, kl       box // side by side (full)
	epoch         box // train/test per epoch (full, or compact when tall enough)
}

func (m *compareScreen) compareLayout() cmpLayout {
	w, h := m.lay.w, m.lay.h
	l := cmpLayout{header: 1 + len(m.runs), full: m.lay.mode == full}
	l.body = h - l.header - 1
	if l.full {
		l.rightW = clamp(w/2, 40, 100)
		l.leftW = w - l.rightW - 1
		half := (l.leftW - 1) / 2
		lossH, midH := l.body*2/5, l.body*3/10
		l.loss = box{l.leftW, lossH}
		l.rec, l.kl = box{half, midH}, box{l.leftW - 1 - half, midH}
		l.epoch = box{l.leftW, l.body - lossH - midH}
		return l
	}
	l.rightW = clamp(w*9/20, 30, 70)
	l.leftW = w - l.rightW - 1
	if l.body >= 16 {
		top := l.body / 2
		l.loss, l.epoch = box{l.leftW, top}, box{l.leftW, l.body - top}
	} else {
		l.loss = box{l.leftW, l.body}
	}
	return l
}

// refresh redraws the compare screen's stale blocks: the dashboard's rate
// limit on chart redraws, the digits only when a run sends new images.
func (m *compareScreen) refresh(now time.Time) tea.Cmd {
	var cmd tea.Cmd
	l := m.compareLayout()
	bodyDirty := m.lim.force
	if m.lay.mode != tooSmall && !m.showHelp {
		var feed bool
		if feed, cmd = m.lim.due(now, m.opts.ChartInterval); feed {
			m.feedCompareCharts(l)
			bodyDirty = true
		}
		if m.digits.update(m, l.rightW, l.body) {
			bodyDirty = true
		}
	}
	if m.lay.mode != tooSmall {
		m.header = m.compareHeader(l)
	}
	if bodyDirty {
		m.body = m.compareBody(l)
		m.helpLine = widget.Fit(" "+m.help.ShortHelpView(m.keys.ShortHelp()), m.lay.w)
	}
	m.lim.force = false
	return cmd
}

// feedCompareCharts gives each chart one line per run: the EMA, or the
// raw values without smoothing; per epoch, train solid and test dashed.
func (m *compareScreen) feedCompareCharts(l cmpLayout) {
	perStep := func(pick func(h *history) *series) []widget.Line {
		out := make([]widget.Line, len(m.runs))
		for i, rs := range m.runs {
			s := pick(&rs.hist)
			y := s.ema
			if m.smoothing == 0 {
				y = s.raw
			}
			out[i] = widget.Line{X: rs.hist.steps, Y: y, Style: m.runStyles[i], Raw: s.raw}
		}
		return out
	}
	set := func(c *widget.Chart, b box, mode chartMode, lines []widget.Line) {
		feedChart(c, b, mode, lines, nil, 0)
	}
	loss := m.modes[lossPane]
	set(m.total, l.loss, loss, perStep(func(h *history) *series { return &h.loss }))
	if l.full {
		set(m.rec, l.rec, loss, perStep(func(h *history) *series { return &h.rec }))
		set(m.kl, l.kl, loss, perStep(func(h *history) *series { return &h.kl }))
	}
	if l.epoch.h > 0 {
		var lines []widget.Line
		for i, rs := range m.runs {
			n := len(rs.hist.epochs)
			x, train, test := make([]float64, n), make([]float64, n), make([]float64, n)
			for j, e := range rs.hist.epochs {
				x[j], train[j], test[j] = float64(e.Epoch), e.TrainLoss, e.TestLoss
			}
			lines = append(lines, widget.Line{X: x, Y: train, Style: m.runStyles[i]},
				widget.Line{X: x, Y: test, Style: m.runStyles[i], Dashed: true})
		}
		set(m.epoch, l.epoch, chartMode{logY: loss.logY}, lines)
	}
}

// runLegend names the runs in their colours.
func (m *compareScreen) runLegend() string {
	parts := make([]string, len(m.runs))
	for i := range m.runs {
		parts[i] = legend(m.runStyles[i], "━", m.runName(i))
	}
	return strings.Join(parts, "  ")
}

// stepTitle is a per-step chart's title: its state, the smoothing, and
// (legend) the runs' names.
func (m *compareScreen) stepTitle(c *widget.Chart, name string, withLegend bool) [2]string {
	parts := m.stateTags(c, true)
	if withLegend {
		parts = append(parts, m.runLegend())
	}
	if t := m.smoothTag(); t != "" {
		parts = append(parts, m.theme.Dim.Render(t))
	} else {
		parts = append(parts, m.theme.Dim.Render("raw"))
	}
	return [2]string{name, strings.Join(parts, "  ")}
}

// compareBody is the panes: exactly l.body lines of exactly w cells.
func (m *compareScreen) compareBody(l cmpLayout) string {
	if m.lay.mode == tooSmall {
		return m.tooSmallView()
	}
	w := m.lay.w
	if m.showHelp {
		return strings.Join(m.helpView(m.keys.groups, w, l.body), "\n")
	}
	left := m.chartBox(lossPane, m.stepTitle(m.total, "loss / step", true), l.loss, m.total)
	if l.full {
		left = append(left, hjoin(
			m.chartBox(lossPane, m.stepTitle(m.rec, m.reconName()+" / step", false), l.rec, m.rec),
			m.chartBox(lossPane, m.stepTitle(m.kl, "KL / step", false), l.kl, m.kl))...)
	}
	if l.epoch.h > 0 {
		left = append(left, m.chartBox(lossPane, m.epochTitle(m.epoch, m.theme.Dim.Render("━ train  ╍ test")), l.epoch, m.epoch)...)
	}
	left = widget.FitLines(left, l.leftW, l.body)
	return joinColumns(left, widget.FitLines(m.digits.lines, l.rightW, l.body), l.body)
}

// compareHeader is the title row (the focus, the all-runs prefix, the
// message) and one line per run.
func (m *compareScreen) compareHeader(l cmpLayout) string {
	th, w := m.theme, m.lay.w
	sep := th.Dim.Render(" │ ")
	title := " " + th.Title.Render("vaetop · compare") + sep + th.Label.Render(fmt.Sprintf("%d runs", len(m.runs))) + sep +
		th.Label.Render("focus ") + m.runStyles[m.focused].Bold(true).Render(m.runName(m.focused)) + th.Dim.Render(" (n/p)") +
		m.status.boxText() + m.status.viewersText()
	if m.allNext {
		title += sep + th.Warn.Render("next key: all runs")
	}
	title += m.status.inlineMessage(m.status.messageParts())
	rows := []string{widget.Fit(title, w)}
	nameW := 0
	for i := range m.runs {
		nameW = max(nameW, ansi.StringWidth(m.runName(i)))
	}
	nameW = min(nameW, max(8, w/8))
	for i := range m.runs {
		rows = append(rows, widget.Fit(m.runLine(i, nameW, l.full), w))
	}
	return strings.Join(widget.FitLines(rows, w, l.header), "\n")
}

// runLine is run i's status: its name in its colour (the focused one
// marked), state, epoch, losses, active units, β, speed and ETA.
func (m *compareScreen) runLine(i, nameW int, full bool) string {
	th, rs := m.theme, m.runs[i]
	mark := "  "
	if i == m.focused {
		mark = th.Value.Render("▸ ")
	}
	name := ansi.Truncate(m.runName(i), nameW, "…")
	name += strings.Repeat(" ", nameW-ansi.StringWidth(name))
	st := m.runStyles[i]
	if i == m.focused {
		st = st.Bold(true)
	}
	head := " " + mark + st.Render(name) + " "
	if !rs.haveSnap {
		return head + th.Dim.Render("waiting for the trainer…")
	}
	s, f := rs.snap, m.status.figures(rs, "→")
	kv := m.status.kv
	loss, test := "-", "-"
	if n := len(rs.hist.loss.ema); n > 0 {
		loss = widget.FmtNum(rs.hist.loss.ema[n-1])
		if m.smoothing == 0 {
			loss = widget.FmtNum(rs.hist.loss.raw[n-1])
		}
	}
	if n := len(s.EpochHistory); n > 0 {
		test = widget.FmtNum(s.EpochHistory[n-1].TestLoss)
	}
	active := f.active
	if active == "" {
		active = "-"
	}
	state := f.state.style.Render(f.state.glyph)
	rate := th.Value.Render(f.rate) + th.Label.Render("/s")
	if full {
		state = f.state.style.Render(fmt.Sprintf("%s %-8s", f.state.glyph, f.state.word))
		rate = kv("img/s", f.rate)
	}
	fields := []string{state, kv("ep", f.epoch), kv("loss", loss),
		kv("test", test), kv("z", active), kv("β", f.beta), rate, kv("ETA", f.eta)}
	if full {
		fields = append(fields, kv("lr", widget.FmtParam(s.LR)))
	}
	gap := " "
	if full {
		gap = "  "
	}
	return head + strings.Join(fields, gap)
}
