package widget

import (
	"math"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/live"
)

// Line is one curve of a chart; X is shared with the chart's other lines
// and ascending.
type Line struct {
	X, Y   []float64
	Style  lipgloss.Style
	Dashed bool
}

// Mark is a vertical marker on a chart at X, e.g. where β changed,
// labelled at its top.
type Mark struct {
	X     float64
	Label string
}

// Chart is a braille line chart drawn with ntcharts. It keeps its own data
// references, window and log mode, and renders into a cached block of
// exactly w×h cells, rebuilt by draw only when something changed (its
// dirty flag), never in a bubbletea View.
type Chart struct {
	w, h   int
	logY   bool
	win    Window
	lines  []Line
	marks  []Mark  // vertical markers (β changes)
	hline  float64 // horizontal threshold (clipping), 0 = none
	intX   bool    // x labels are whole numbers only (epochs)
	styles chartStyles

	dirty    bool
	rendered []string
	lc       *linechart.Model // reused while the size stays
}

type chartStyles struct {
	axis, label, mark, hline lipgloss.Style
}

// NewChart is an empty chart in t's styles; with intX its x labels are
// whole numbers only (epochs).
func NewChart(t *Theme, intX bool) *Chart {
	return &Chart{styles: chartStyles{axis: t.Axis, label: t.AxisLabel, mark: t.Marker, hline: t.Clip},
		intX: intX, dirty: true}
}

// SetSize sets the size of the block View returns.
func (c *Chart) SetSize(w, h int) {
	if w != c.w || h != c.h {
		c.w, c.h, c.dirty = w, h, true
	}
}

// SetMode sets the y scale (logarithmic or not) and the part of the x axis
// shown.
func (c *Chart) SetMode(logY bool, win Window) {
	if logY != c.logY || win != c.win {
		c.logY, c.win, c.dirty = logY, win, true
	}
}

// LogY reports whether the y scale is logarithmic.
func (c *Chart) LogY() bool { return c.logY }

// Window is the part of the x axis shown.
func (c *Chart) Window() Window { return c.win }

// SetData replaces the lines, the markers and the horizontal threshold
// (0 = none). The slices are shared, not copied: the history only
// appends, and the chart reads them in View on the same goroutine.
func (c *Chart) SetData(lines []Line, marks []Mark, hline float64) {
	c.lines, c.marks, c.hline, c.dirty = lines, marks, hline, true
}

// Lines are the lines last set.
func (c *Chart) Lines() []Line { return c.lines }

// xRange is the full x range of the data.
func (c *Chart) xRange() (float64, float64, bool) {
	lo, hi, ok := math.Inf(1), math.Inf(-1), false
	for _, l := range c.lines {
		if n := len(l.X); n > 0 {
			lo, hi, ok = math.Min(lo, l.X[0]), math.Max(hi, l.X[n-1]), true
		}
	}
	return lo, hi, ok
}

// ty maps a value to the plotted scale; ok is false for points that cannot
// be drawn (NaN, or ≤ 0 on a log scale).
func (c *Chart) ty(v float64) (float64, bool) {
	if !live.Finite(v) {
		return 0, false
	}
	if c.logY {
		if v <= 0 {
			return 0, false
		}
		return math.Log10(v), true
	}
	return v, true
}

// yRange is the padded range of the visible points.
func (c *Chart) yRange(x0, x1 float64) (float64, float64, bool) {
	lo, hi, ok := math.Inf(1), math.Inf(-1), false
	for _, l := range c.lines {
		i := lowerBound(l.X, x0)
		for ; i < len(l.X) && l.X[i] <= x1; i++ {
			if v, good := c.ty(l.Y[i]); good {
				lo, hi, ok = math.Min(lo, v), math.Max(hi, v), true
			}
		}
	}
	if c.hline > 0 && ok {
		if v, good := c.ty(c.hline); good {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if !ok {
		return 0, 1, false
	}
	pad := (hi - lo) * 0.08
	if pad == 0 {
		pad = math.Max(math.Abs(hi)*0.05, 1e-3)
	}
	if !c.logY && lo >= 0 && lo-pad < 0 {
		// Losses and norms are never negative: an axis below zero only
		// wastes rows.
		return 0, hi + pad, true
	}
	return lo - pad, hi + pad, true
}

func lowerBound(xs []float64, v float64) int {
	lo, hi := 0, len(xs)
	for lo < hi {
		m := (lo + hi) / 2
		if xs[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// View returns the cached block of exactly w×h cells, drawing it first if
// needed.
func (c *Chart) View() []string {
	if c.dirty || len(c.rendered) != c.h {
		c.draw()
	}
	return c.rendered
}

// draw renders the chart into c.rendered.
func (c *Chart) draw() {
	c.dirty = false
	if c.w < 12 || c.h < 4 {
		c.rendered = BlankLines(c.w, c.h)
		return
	}
	xlo, xhi, ok := c.xRange()
	if !ok {
		c.rendered = FitLines([]string{"", c.styles.label.Render("  waiting for data…")}, c.w, c.h)
		return
	}
	x0, x1 := c.win.Bounds(xlo, xhi)
	y0, y1, _ := c.yRange(x0, x1)
	if x1 <= x0 { // a single point: give it some room
		x0, x1 = x0-0.5, x1+0.5
	}
	lc := c.canvas(x0, x1, y0, y1)
	lc.DrawXYAxisAndLabel()
	p := plot{lc: lc, x0: x0, x1: x1, y0: y0, y1: y1}
	p.gw, p.gh = lc.GraphWidth(), lc.GraphHeight()
	p.left = lc.Origin().X + 1
	if c.intX && p.gw >= 2 {
		p.intLabels(c.styles.label)
	}
	if p.gw < 2 || p.gh < 1 {
		c.rendered = FitLines(renderCanvas(&lc.Canvas), c.w, c.h)
		return
	}
	if c.hline > 0 {
		if v, ok := c.ty(c.hline); ok {
			p.hline(v, c.styles.hline)
		}
	}
	for _, m := range c.marks {
		p.vmark(m, c.styles.mark)
	}
	for _, l := range c.lines {
		p.curve(c, l)
	}
	c.rendered = renderCanvas(&lc.Canvas)
}

// canvas returns the ntcharts chart set to the given ranges and blank. It
// is kept between draws of the same size: a new one allocates every cell
// (megabytes per second at a few redraws a second).
func (c *Chart) canvas(x0, x1, y0, y1 float64) *linechart.Model {
	if c.lc == nil || c.lc.Width() != c.w || c.lc.Height() != c.h {
		lc := linechart.New(c.w, c.h, x0, x1, y0, y1,
			linechart.WithXYSteps(8, 2),
			linechart.WithStyles(c.styles.axis, c.styles.label, c.styles.label),
			linechart.WithXLabelFormatter(c.xLabel()))
		c.lc = &lc
	} else {
		blank := canvas.Cell{}
		for y := 0; y < c.h; y++ {
			for x := 0; x < c.w; x++ {
				c.lc.Canvas.SetCell(canvas.Point{X: x, Y: y}, blank)
			}
		}
	}
	// The expected range first: the view range is clamped to it.
	c.lc.SetXYRange(x0, x1, y0, y1)
	c.lc.SetViewXYRange(x0, x1, y0, y1)
	c.lc.YLabelFormatter = c.yLabel(y0, y1)
	c.lc.UpdateGraphSizes()
	return c.lc
}

// xLabel formats step numbers.
func (c *Chart) xLabel() linechart.LabelFormatter {
	return func(_ int, v float64) string { return FmtCount(v) }
}

// yLabel formats axis values with as many decimals as the range needs.
func (c *Chart) yLabel(lo, hi float64) linechart.LabelFormatter {
	if c.logY {
		lo, hi = math.Pow(10, lo), math.Pow(10, hi)
	}
	return func(_ int, v float64) string {
		if c.logY {
			v = math.Pow(10, v)
		}
		if hi-lo >= 20 || math.Abs(v) >= 1000 {
			return shortNum(v)
		}
		d := int(math.Max(0, math.Ceil(-math.Log10((hi-lo)/4))))
		return FixedDecimals(v, min(d, 4))
	}
}

// shortNum prints an axis value in at most about 5 characters.
func shortNum(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e4:
		return FmtCount(v)
	case a >= 10 || a == 0:
		return FixedDecimals(v, 0)
	case a >= 1:
		return FixedDecimals(v, 1)
	case a >= 0.01:
		return FixedDecimals(v, 2)
	default:
		return strings.Replace(strings.Replace(
			sciDigit(v), "e-0", "e-", 1), "e+0", "e", 1)
	}
}
