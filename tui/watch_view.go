package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/tui/widget"
)

// gridView draws the page's charts, row by row.
func (m *watchScreen) gridView() string {
	body := m.lay.h - m.headerRows() - 1
	if len(m.specs) == 0 {
		lines := widget.BlankLines(m.lay.w, body)
		lines[body/2] = widget.Center(m.emptyText(), m.lay.w)
		return strings.Join(lines, "\n")
	}
	first := m.page * m.grid.perPage()
	var out []string
	for r := 0; r < m.grid.rows; r++ {
		row := make([][]string, m.grid.cols)
		for c := range row {
			i := first + r*m.grid.cols + c
			b := box{m.grid.colW[c], m.grid.rowH[r]}
			if i >= len(m.specs) {
				row[c] = widget.BlankLines(b.w, b.h)
				continue
			}
			row[c] = m.chartBox(m.specs[i], i-first == m.focus, b)
		}
		out = append(out, joinRow(row)...)
	}
	return strings.Join(widget.FitLines(out, m.lay.w, body), "\n")
}

// joinRow puts blocks of equal height side by side, one blank column apart.
func joinRow(blocks [][]string) []string {
	out := blocks[0]
	for _, b := range blocks[1:] {
		out = hjoin(out, b)
	}
	return out
}

// emptyText says why there is no chart.
func (m *watchScreen) emptyText() string {
	if m.filter.text != "" {
		return "no series match /" + m.filter.text + "/ · / changes the filter, an empty one shows all"
	}
	for _, rs := range m.shown {
		if f := rs.snap.File; f != nil && f.Err != "" {
			return printable(f.Path) + ": " + printable(f.Err)
		}
		if f := rs.snap.File; f != nil && f.Deleted {
			return printable(f.Path) + " is gone (deleted or moved) and had no numeric series…"
		}
		if f := rs.snap.File; f != nil && !f.Exists {
			return "waiting for " + printable(f.Path) + " to appear…"
		}
	}
	return "no numeric series yet…"
}

// chartBox feeds one chart its lines and draws it under its title.
func (m *watchScreen) chartBox(spec chartSpec, focused bool, b box) []string {
	ch := m.charts[spec.lead]
	if ch == nil {
		ch = widget.NewChart(m.theme, false).WholeStepLabels()
		m.charts[spec.lead] = ch
	}
	lines, bad := m.seriesLines(spec)
	feedChart(ch, b, chartMode{logY: m.logY[spec.lead], win: m.win}, lines, nil, 0)
	out := []string{widget.Fit(m.theme.PaneName(seriesTitle(spec.lead), focused)+" "+m.chartTags(spec, bad), b.w)}
	return append(out, widget.FitLines(ch.View(), b.w, b.h-1)...)
}

// chartTags are a chart's title extras: its partner, scale and NaN count.
func (m *watchScreen) chartTags(spec chartSpec, bad int) string {
	var tags []string
	if spec.partner != "" {
		tags = append(tags, "┄ "+spec.partner)
	}
	if m.logY[spec.lead] {
		tags = append(tags, m.theme.Note.Render("[log]"))
	}
	if bad > 0 {
		tags = append(tags, m.theme.Warn.Render(fmt.Sprintf("%d NaN/Inf", bad)))
	}
	return strings.Join(tags, " ")
}

// seriesLines are a chart's lines: each trace's lead series, raw and
// smoothed (with one trace, faint grey under the series' colour; with
// several, each in the trace's colour, the raw values faint, as
// TensorBoard does, so the axis and the eye keep the real values), and its
// partner dashed; bad counts their non-finite values.
func (m *watchScreen) seriesLines(spec chartSpec) (lines []widget.Line, bad int) {
	one := len(m.traces) == 1
	for _, tr := range m.traces {
		st, raw := tr.style, tr.style.Faint(true)
		if one {
			st, raw = m.slotStyle(spec.lead), m.theme.Raw
		}
		if e := tr.rs.series.lookup(tr.part, spec.lead); e != nil {
			lines = append(lines, m.entryLines(e, st, raw, false)...)
			bad += e.nonFinite
		}
		if spec.partner == "" {
			continue
		}
		if e := tr.rs.series.lookup(tr.part, spec.partner); e != nil {
			pst := st
			if one {
				pst = m.theme.Test
			}
			lines = append(lines, m.entryLines(e, pst, pst, true)...)
			bad += e.nonFinite
		}
	}
	return lines, bad
}

// entryLines are one series' lines, a pair per segment: raw (in rawSt,
// under) and smoothed (in st); a partner's (dashed) is raw only.
func (m *watchScreen) entryLines(e *seriesEntry, st, rawSt lipgloss.Style, dashed bool) []widget.Line {
	x, raw := e.buf.X, e.buf.Y
	var out []widget.Line
	smooth := m.smoothing > 0 && !dashed
	var ema []float64
	if smooth {
		ema = e.smoothed(m.smoothing)
	}
	start := 0
	for i := 1; i <= len(x); i++ {
		if i < len(x) && x[i] >= x[i-1] {
			continue
		}
		xs := x[start:i]
		switch {
		case !smooth:
			out = append(out, widget.Line{X: xs, Y: raw[start:i], Style: st, Dashed: dashed})
		default:
			out = append(out, widget.Line{X: xs, Y: raw[start:i], Style: rawSt},
				widget.Line{X: xs, Y: ema[start:i], Style: st, Raw: raw[start:i]})
		}
		start = i
	}
	return out
}

// slotStyle is a series' colour on a one-file screen: the dashboard's for
// the VAE places.
func (m *watchScreen) slotStyle(name string) lipgloss.Style {
	th := m.theme
	switch slotOf(name) {
	case 0:
		return th.Loss
	case 1:
		return th.Rec
	case 2:
		return th.KL
	case 3:
		return th.Test
	case 4:
		return th.Grad
	}
	return th.Train
}
