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
	// Raw, when Y is a smoothed line drawn without its raw values, are
	// those values: their NaN and Inf are marked, counted and break the
	// line as Y's own would (a smoothed line holds its last finite value).
	Raw []float64
}

// values are the values whose non-finite points l marks: Raw when set.
func (l Line) values() []float64 {
	if l.Raw != nil {
		return l.Raw
	}
	return l.Y
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
// dirty flag), never in a bubbletea View. NaN and infinite values are
// never skipped silently: each breaks its line and is marked at the
// graph's edge (plot.nonFinite), and NonFinite counts them for the title.
type Chart struct {
	w, h  int
	logY  bool
	win   Window
	lines []Line
	marks []Mark  // vertical markers (β changes)
	hline float64 // horizontal threshold (clipping), 0 = none
	intX  bool    // x labels are whole numbers only (epochs)
	// autoInt: whole-number x labels whenever the shown steps are few
	// and whole (WholeStepLabels).
	autoInt bool
	styles  chartStyles

	dirty    bool
	rendered []string
	lc       *linechart.Model // reused while the size stays
	nf       []uint8          // non-finite kinds per graph column, reused by draw

	nan, posInf, negInf int // non-finite values in the lines, counted by SetData
}

type chartStyles struct {
	axis, label, mark, hline, bad lipgloss.Style
}

// NewChart is an empty chart in t's styles; with intX its x labels are
// whole numbers only (epochs).
func NewChart(t *Theme, intX bool) *Chart {
	st := chartStyles{axis: t.Axis, label: t.AxisLabel, mark: t.Marker, hline: t.Clip, bad: t.Warn}
	return &Chart{styles: st, intX: intX, dirty: true}
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
//
// It counts the lines' non-finite values here rather than in View: a full
// scan, but no dearer than the redraw of a zoomed-out chart it goes with,
// and the history rewrites its slices in place (rollback, re-smoothing), so
// a count kept from the last call could not be trusted.
func (c *Chart) SetData(lines []Line, marks []Mark, hline float64) {
	c.lines, c.marks, c.hline, c.dirty = lines, marks, hline, true
	c.nan, c.posInf, c.negInf = countNonFinite(lines)
}

// Lines are the lines last set.
func (c *Chart) Lines() []Line { return c.lines }

// NonFinite counts the NaN, +Inf and -Inf values of the lines last set,
// over all their data, not only the shown window. A Y slice given as more
// than one line (same first element and length) is counted once.
func (c *Chart) NonFinite() (nan, posInf, negInf int) {
	return c.nan, c.posInf, c.negInf
}

// countNonFinite counts the NaN and infinite values of each distinct Y.
func countNonFinite(lines []Line) (nan, pos, neg int) {
	for i, l := range lines {
		ys := l.values()
		if len(ys) == 0 || seenY(lines[:i], ys) {
			continue
		}
		for _, v := range ys {
			if v-v == 0 { // finite: the one test on the common path
				continue
			}
			switch {
			case math.IsNaN(v):
				nan++
			case v > 0:
				pos++
			default:
				neg++
			}
		}
	}
	return nan, pos, neg
}

// seenY reports whether one of lines marks the values of y.
func seenY(lines []Line, y []float64) bool {
	for _, l := range lines {
		if ys := l.values(); len(ys) == len(y) && &ys[0] == &y[0] {
			return true
		}
	}
	return false
}

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
// be drawn as a dot (NaN, ±Inf, or ≤ 0 on a log scale).
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
	if scale := math.Max(math.Abs(hi), math.Abs(lo)); hi-lo <= scale*1e-9 {
		// Flat up to rounding (a smoothed constant, a learning rate):
		// stretching the rounding to the chart's height would draw a swing.
		pad = math.Max(scale*0.05, 1e-12)
		if scale == 0 {
			pad = 1e-3
		}
		// Off the middle, so that the rounding never splits the line
		// between two dot rows.
		return lo - pad, hi + 1.5*pad, true
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
	if (c.intX || c.autoInt && c.wholeSteps(x0, x1)) && p.gw >= 2 {
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
	p.nf = c.columnFlags(p.gw)
	for _, l := range c.lines {
		p.curve(c, l)
	}
	p.nonFinite(c.styles.bad) // last, over the curves
	c.rendered = renderCanvas(&lc.Canvas)
}

// columnFlags is c.nf cleared and n long, reallocated only when it grows.
func (c *Chart) columnFlags(n int) []uint8 {
	if cap(c.nf) < n {
		c.nf = make([]uint8, n)
	}
	c.nf = c.nf[:n]
	clear(c.nf)
	return c.nf
}

// WholeStepLabels makes the x labels whole numbers at their own columns
// whenever the shown steps are few and whole (a file logged per epoch),
// and returns c.
func (c *Chart) WholeStepLabels() *Chart {
	c.autoInt = true
	return c
}

// wholeSteps reports whether the shown steps are few and whole (epochs,
// a short run): ntcharts' evenly spaced labels would fall between them
// and round to the wrong step, so they get whole-number labels at their
// own columns.
func (c *Chart) wholeSteps(x0, x1 float64) bool {
	if x1-x0 > 64 {
		return false
	}
	for _, l := range c.lines {
		for i := lowerBound(l.X, x0); i < len(l.X) && l.X[i] <= x1; i++ {
			if l.X[i] != math.Trunc(l.X[i]) {
				return false
			}
		}
	}
	return true
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
		if d > 4 { // a range too fine for 4 decimals (5e-05): significant digits
			return shortNum(v)
		}
		return FixedDecimals(v, d)
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
