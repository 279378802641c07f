package tui

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// vEighths are the partial blocks that give columns 1/8-cell resolution.
var vEighths = []string{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

// drawCollapse is the collapse monitor: a summary of the last test pass
// (with live.Collapse's warning when it fires), each latent unit's KL as a
// bar marked active ● or inactive ○ (live.ActiveVariance), and the active
// units per finished epoch against the quarter-of-the-units threshold.
// Returns exactly h lines of exactly w cells.
func drawCollapse(th *widget.Theme, l *live.Latents, epochs []live.EpochMetric, w, h int) []string {
	if h <= 0 {
		return nil
	}
	if l == nil || l.Dim <= 0 {
		return widget.FitLines([]string{th.Dim.Render("  no test pass yet: the latent units show after the first one")}, w, h)
	}
	lines := []string{collapseSummary(th, l, w)}
	warn := l.CollapseWarning()
	if warn != "" {
		if h >= 4 {
			lines = append(lines, th.Warn.Render("⚠ "+warn))
		} else {
			lines[0] += " " + th.Warn.Render("⚠ "+warn)
		}
	}
	avail := h - len(lines)
	var chart []string
	rows := min(8, max(3, avail/4))
	if avail >= 7 {
		chart = activeChart(th, epochs, l.Dim, w, rows)
	}
	bars := klBars(th, l, w, avail-len(chart))
	lines = append(lines, bars...)
	if spare := avail - len(bars) - len(chart); chart != nil && spare > 0 {
		// The units fit with room to spare: a blank line, and the rest to
		// the chart.
		lines = append(lines, "")
		if len(epochs) > 0 && spare > 1 {
			chart = activeChart(th, epochs, l.Dim, w, min(16, rows+spare-1))
		}
	}
	lines = append(lines, chart...)
	return widget.FitLines(lines, w, h)
}

// collapseSummary is "active 12/32 (var ≥ 0.01) · test KL 24.3 nats ·
// epoch 5", or "active 12/32 · KL 24.3" when that does not fit in w.
func collapseSummary(th *widget.Theme, l *live.Latents, w int) string {
	act := th.Value
	if 4*l.Active < l.Dim {
		act = th.Warn
	}
	units := act.Render(strconv.Itoa(l.Active) + "/" + strconv.Itoa(l.Dim))
	kl := th.Value.Render(fmtKL(l.TestKL))
	long := th.Label.Render("active ") + units +
		th.Dim.Render(" (var ≥ "+strconv.FormatFloat(live.ActiveVariance, 'g', -1, 64)+")") +
		th.Label.Render(" · test KL ") + kl + th.Label.Render(" nats") +
		th.Dim.Render(" · epoch "+strconv.Itoa(l.Epoch))
	if lipgloss.Width(long) <= w {
		return long
	}
	return th.Label.Render("active ") + units + th.Label.Render(" · KL ") + kl
}

// fmtKL prints a KL in nats: 24.3, 0.42.
func fmtKL(v float64) string {
	if live.Finite(v) && math.Abs(v) >= 10 && math.Abs(v) < 1e6 {
		return widget.FixedDecimals(v, 1)
	}
	return widget.FmtNum(v)
}

// klBars draws each unit's KL as a horizontal bar scaled to the largest,
// in index order, in as many columns as needed and the width allows; when
// even those are too few, the units with the most KL and a note. Returns
// at most h lines.
func klBars(th *widget.Theme, l *live.Latents, w, h int) []string {
	if h <= 0 || w <= 0 {
		return nil
	}
	g := planKLBars(l.Dim, w, h)
	if g.barW < 1 {
		return []string{th.Dim.Render("  widen the pane to see the units")}
	}
	dims, note := klUnits(th, l, g.cols, h)
	hi := 0.0
	for d := 0; d < l.Dim; d++ {
		if v := unitValue(l.KL, d); live.Finite(v) {
			hi = math.Max(hi, v)
		}
	}
	bright, dim, lab := codesOf(th.KL), codesOf(th.Dim), codesOf(th.Label)
	cells := make([]string, len(dims))
	for i, d := range dims {
		kl, v := unitValue(l.KL, d), unitValue(l.Var, d)
		mark, bar, label := bright.render("●"), bright, lab
		if !(v >= live.ActiveVariance) {
			mark, bar, label = dim.render("○"), dim, dim
		}
		n := 0
		if hi > 0 && live.Finite(kl) && kl > 0 {
			n = int(math.Round(kl / hi * float64(g.barW*8)))
		}
		blocks := widget.BarBlocks(n)
		name := "z" + strconv.Itoa(d+1)
		s := mark + " " + label.render(name+strings.Repeat(" ", g.nameW-len(name))) + " " +
			bar.render(blocks) + strings.Repeat(" ", g.barW-runeCount(blocks)) + " " + label.render(widget.PadLeft(widget.FmtNum(kl), klValW))
		if g.showVar {
			s += dim.render(" var " + widget.PadLeft(widget.FmtNum(v), klVarW))
		}
		cells[i] = s
	}
	out := g.columns(cells)
	if note != "" {
		out = append(out, note)
	}
	return out
}

// The widths of a unit's KL and variance in klBars.
const klValW, klVarW = 7, 8

// klGrid is how klBars lays out the units: cols columns of colW cells, two
// apart, each unit a cell of cellW: its mark, its name in nameW, a bar of
// barW and its KL (and its variance when showVar).
type klGrid struct {
	nameW, cols, colW, barW, cellW int
	showVar                        bool
}

// planKLBars fits dim units into w×h: in one column when they fit, else in
// as many as the width allows (the bars at least minBar wide).
func planKLBars(dim, w, h int) klGrid {
	const minBar = 6
	g := klGrid{nameW: len("z" + strconv.Itoa(dim)), cols: 1}
	minCell := 2 + g.nameW + 1 + minBar + 1 + klValW
	if dim > h {
		g.cols = max(1, min((dim+h-1)/h, (w+2)/(minCell+2)))
	}
	g.colW = (w - 2*(g.cols-1)) / g.cols
	g.showVar = g.colW >= minCell+6+klVarW+12
	g.barW = g.colW - (2 + g.nameW + 1 + 1 + klValW)
	if g.showVar {
		g.barW -= 5 + klVarW
	}
	// Every cell is cellW wide; fitLines fits the rows.
	g.cellW = 2 + g.nameW + 1 + g.barW + 1 + klValW
	if g.showVar {
		g.cellW += 5 + klVarW
	}
	return g
}

// klUnits are the units that fit in cols columns of h lines, in index
// order; when there are too many, the ones with the most KL, largest
// first, and a note for the line they leave.
func klUnits(th *widget.Theme, l *live.Latents, cols, h int) (dims []int, note string) {
	dims = make([]int, l.Dim)
	for d := range dims {
		dims[d] = d
	}
	if l.Dim > cols*h {
		sort.SliceStable(dims, func(i, j int) bool { return unitValue(l.KL, dims[i]) > unitValue(l.KL, dims[j]) })
		slots := cols * (h - 1)
		dims = dims[:slots]
		note = th.Dim.Render("  … " + strconv.Itoa(l.Dim-slots) + " more units with less KL (a larger pane shows all)")
	}
	return dims, note
}

// unitValue is unit d's entry in s (its KL or variance), 0 past its end.
func unitValue(s []float64, d int) float64 {
	if d < len(s) {
		return s[d]
	}
	return 0
}

// columns lays cells out down g.cols columns, filling each before the next.
func (g klGrid) columns(cells []string) []string {
	rows := (len(cells) + g.cols - 1) / g.cols
	out := make([]string, 0, rows+1)
	for r := 0; r < rows; r++ {
		var b strings.Builder
		for c := 0; c < g.cols; c++ {
			if i := c*rows + r; i < len(cells) {
				if c > 0 {
					b.WriteString("  ")
				}
				b.WriteString(cells[i])
				if c < g.cols-1 {
					b.WriteString(strings.Repeat(" ", max(0, g.colW-g.cellW)))
				}
			}
		}
		out = append(out, b.String())
	}
	return out
}

// runeCount is the width of an unstyled string of one-cell runes.
func runeCount(s string) int { return len([]rune(s)) }

// activeChart draws the active units of each finished epoch as columns
// (the last epochs when there are more than columns), their height the
// share of the dim units, with the collapse threshold (a quarter of the
// units, live.Collapse) drawn as ╌; columns under it are in th.Warn.
// Returns a title, rows chart rows and an axis line.
func activeChart(th *widget.Theme, epochs []live.EpochMetric, dim, w, rows int) []string {
	title := th.Label.Render("active units per epoch") + th.Dim.Render("  ╌ collapse threshold (¼ of "+strconv.Itoa(dim)+")")
	if len(epochs) == 0 {
		return []string{title, th.Dim.Render("  no finished epoch yet")}
	}
	thr := float64(dim) / 4
	thrLab := strconv.FormatFloat(thr, 'g', 3, 64)
	labW := max(len(strconv.Itoa(dim)), len(thrLab)) // "0.5" outgrows a latent size of 2
	plotW := w - labW - 1
	if plotW < 1 || rows < 1 {
		return nil
	}
	cw := min(3, max(1, plotW/len(epochs)))
	shown := epochs[max(0, len(epochs)-plotW/cw):]
	barW := cw
	if cw > 1 {
		barW = cw - 1
	}
	thrRow := rows - 1 - min(rows-1, int(thr/float64(dim)*float64(rows)))
	heights := make([]int, len(shown)) // in eighths of a cell
	for i, e := range shown {
		f := math.Max(0, math.Min(1, float64(e.ActiveUnits)/float64(dim)))
		heights[i] = int(math.Round(f * float64(rows*8)))
		if e.ActiveUnits > 0 && heights[i] == 0 {
			heights[i] = 1
		}
	}
	out := []string{title}
	var rs styledRuns
	for r := 0; r < rows; r++ {
		rs.reset()
		lab := ""
		switch r {
		case 0:
			lab = strconv.Itoa(dim)
		case thrRow:
			lab = thrLab
		case rows - 1:
			lab = "0"
		}
		tick := "│"
		if lab != "" {
			tick = "┤"
		}
		rs.add(&th.AxisLabel, widget.PadLeft(lab, labW))
		rs.add(&th.Axis, tick)
		base := (rows - 1 - r) * 8
		for i, e := range shown {
			fill := heights[i] - base
			st := &th.KL
			if 4*e.ActiveUnits < dim {
				st = &th.Warn
			}
			for k := 0; k < cw; k++ {
				switch {
				case k < barW && fill > 0:
					rs.add(st, vEighths[min(8, fill)-1])
				case r == thrRow:
					rs.add(&th.Marker, "╌")
				default:
					rs.add(nil, " ")
				}
			}
		}
		if r == thrRow {
			// The threshold runs on across the plot's empty right part.
			rs.add(&th.Marker, strings.Repeat("╌", max(0, plotW-cw*len(shown))))
		}
		out = append(out, rs.String())
	}
	out = append(out, th.Dim.Render(strings.Repeat(" ", labW+1)+epochAxis(shown, len(epochs))))
	return out
}

// epochAxis names the epochs shown, of total: "epoch 3–12 (last 10 of 12)".
func epochAxis(shown []live.EpochMetric, total int) string {
	axis := "epoch " + strconv.Itoa(shown[0].Epoch)
	if len(shown) > 1 {
		axis += "–" + strconv.Itoa(shown[len(shown)-1].Epoch)
	}
	if len(shown) < total {
		axis += " (last " + strconv.Itoa(len(shown)) + " of " + strconv.Itoa(total) + ")"
	}
	return axis
}

// styledRuns builds a line from pieces, rendering each run of pieces with
// the same style at once (a style per cell would cost many times more).
type styledRuns struct {
	b     strings.Builder
	run   strings.Builder
	cur   *lipgloss.Style // nil: plain
	codes map[*lipgloss.Style]styleCodes
}

// reset starts a new line; the style codes stay cached.
func (s *styledRuns) reset() { s.b.Reset(); s.run.Reset(); s.cur = nil }

func (s *styledRuns) add(st *lipgloss.Style, text string) {
	if st == nil && strings.TrimLeft(text, " ") == "" {
		st = s.cur // blanks look the same in any colour
	}
	if st != s.cur {
		s.flush()
		s.cur = st
	}
	s.run.WriteString(text)
}

func (s *styledRuns) flush() {
	if s.run.Len() == 0 {
		return
	}
	if s.cur == nil {
		s.b.WriteString(s.run.String())
	} else {
		c, ok := s.codes[s.cur]
		if !ok {
			if s.codes == nil {
				s.codes = map[*lipgloss.Style]styleCodes{}
			}
			c = codesOf(*s.cur)
			s.codes[s.cur] = c
		}
		s.b.WriteString(c.render(s.run.String()))
	}
	s.run.Reset()
}

func (s *styledRuns) String() string { s.flush(); return s.b.String() }
