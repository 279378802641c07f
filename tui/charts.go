package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/tui/widget"
)

// chartPanel is what the dashboard and the compare screen share about
// their step charts: each pane's log and zoom settings, the focused pane,
// the redraw limit, and the chart keys that change them.
type chartPanel struct {
	root  *Model
	focus pane
	modes [numPanes]chartMode
	lim   redrawLimiter
}

func newChartPanel(root *Model) chartPanel {
	c := chartPanel{root: root, lim: redrawLimiter{dirty: true}}
	// Gradient norms span orders of magnitude (huge in the first steps),
	// so their charts start on a log scale.
	c.modes[gradPane].logY = true
	return c
}

// feedChart sizes c to its box (the title takes a row), sets its mode and
// gives it its lines: the one way every screen feeds a chart.
func feedChart(c *widget.Chart, b box, mode chartMode, lines []widget.Line, marks []widget.Mark, hline float64) {
	c.SetSize(b.w, b.h-1)
	c.SetMode(mode.logY, mode.win)
	c.SetData(lines, marks, hline)
}

// chartPane is the pane whose charts the chart keys act on: the focused one,
// or the loss charts while the digits have focus.
func (c *chartPanel) chartPane() pane {
	if c.focus == gradPane {
		return gradPane
	}
	return lossPane
}

func (c *chartPanel) toggleLog(string) tea.Cmd {
	p := c.chartPane()
	c.modes[p].logY = !c.modes[p].logY
	state := "off"
	if c.modes[p].logY {
		state = "on"
	}
	c.root.setNote(fmt.Sprintf("log-Y %s (%s)", state, paneNames[p]))
	c.lim.invalidate()
	return nil
}

// stepSpan is the step range of the history.
func (c *chartPanel) stepSpan() (float64, float64, bool) {
	n := len(c.root.cur.hist.steps)
	if n == 0 {
		return 0, 0, false
	}
	return c.root.cur.hist.steps[0], c.root.cur.hist.steps[n-1], true
}

func (c *chartPanel) zoom(in bool) {
	lo, hi, ok := c.stepSpan()
	if !ok {
		return
	}
	p := c.chartPane()
	c.modes[p].win = c.modes[p].win.Zoom(in, lo, hi)
	c.root.setNote(paneNames[p] + ": " + windowLabel(c.modes[p].win))
	c.lim.invalidate()
}

func (c *chartPanel) zoomIn(string) tea.Cmd { c.zoom(true); return nil }

func (c *chartPanel) zoomOut(string) tea.Cmd { c.zoom(false); return nil }

func (c *chartPanel) pan(k string) tea.Cmd {
	lo, hi, ok := c.stepSpan()
	if !ok {
		return nil
	}
	dir := 1
	if k == "left" {
		dir = -1
	}
	p := c.chartPane()
	c.modes[p].win = c.modes[p].win.Pan(dir, lo, hi)
	c.lim.invalidate()
	return nil
}

func (c *chartPanel) cycleFocus(k string) tea.Cmd {
	step := pane(1)
	if k == "shift+tab" {
		step = numPanes - 1
	}
	c.focus = (c.focus + step) % numPanes
	c.lim.invalidate()
	return nil
}

// title renders a pane title, reversed when the pane has focus.
func (c *chartPanel) title(p pane, text string, extra string, w int) string {
	return widget.Fit(c.root.theme.PaneName(text, c.focus == p)+" "+extra, w)
}

// chartBox is a title row over a chart: exactly b.h lines of b.w cells.
func (c *chartPanel) chartBox(p pane, title [2]string, b box, ch *widget.Chart) []string {
	out := make([]string, 0, b.h)
	out = append(out, c.title(p, title[0], title[1], b.w))
	return append(out, widget.FitLines(ch.View(), b.w, b.h-1)...)
}

// modeTags describes a chart's log and zoom state.
func (c *chartPanel) modeTags(ch *widget.Chart, steps bool) string {
	var tags []string
	if ch.LogY() {
		tags = append(tags, "log")
	}
	if steps && ch.Window().Span > 0 {
		tags = append(tags, windowLabel(ch.Window()))
	}
	if len(tags) == 0 {
		return ""
	}
	return c.root.theme.Note.Render("[" + strings.Join(tags, ", ") + "]")
}

// stateTags are what a chart's title says first, before its legend: the
// log and zoom state, then how many NaN and infinite values its lines
// hold (none, and the title is as it was). First, so that a narrow pane
// cuts the legend rather than the warning.
func (c *chartPanel) stateTags(ch *widget.Chart, steps bool) []string {
	var tags []string
	if t := c.modeTags(ch, steps); t != "" {
		tags = append(tags, t)
	}
	if t := c.nonFiniteTag(ch); t != "" {
		tags = append(tags, t)
	}
	return tags
}

// nonFiniteTag is "3 NaN", "2 Inf" or "1 NaN 2 Inf" (both signs: the
// chart's glyphs tell them apart) in the warning style, or "".
func (c *chartPanel) nonFiniteTag(ch *widget.Chart) string {
	nan, pos, neg := ch.NonFinite()
	var parts []string
	if nan > 0 {
		parts = append(parts, widget.FmtCount(float64(nan))+" NaN")
	}
	if inf := pos + neg; inf > 0 {
		parts = append(parts, widget.FmtCount(float64(inf))+" Inf")
	}
	if len(parts) == 0 {
		return ""
	}
	return c.root.theme.Warn.Render(strings.Join(parts, " "))
}

// epochTitle is the per-epoch chart's title: its state, then the screen's
// legend of train and test.
func (c *chartPanel) epochTitle(ch *widget.Chart, legend string) [2]string {
	parts := c.stateTags(ch, false)
	return [2]string{"loss / epoch", strings.Join(append(parts, legend), "  ")}
}
