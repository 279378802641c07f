package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/tui/widget"
)

// View joins the cached blocks; everything costly was done in Update.
func (m *Model) View() string {
	if m.quitting || m.lay.w == 0 {
		return ""
	}
	if m.lay.mode == tooSmall {
		return m.body
	}
	return m.header + "\n" + m.body + "\n" + m.helpLine
}

// bodyView lays out the panes between the header and the help line:
// exactly lay.body lines of exactly lay.w cells, so a frame never wraps or
// scrolls whatever the size.
func (m *Model) bodyView() string {
	l := m.lay
	switch {
	case l.mode == tooSmall:
		msg := fmt.Sprintf("terminal too small: %dx%d (need %dx%d) · q quits", l.w, l.h, minW, minH)
		lines := widget.BlankLines(l.w, l.h)
		lines[l.h/2] = widget.Center(msg, l.w)
		return strings.Join(lines, "\n")
	case m.showHelp:
		return strings.Join(m.helpView(m.keys.groups, l.w, l.body), "\n")
	}
	var left []string
	if l.mode == full {
		left = append(left, m.chartBox(lossPane, m.lossTitle(m.total, "loss / step", m.theme.Loss, true), l.loss, m.total)...)
		left = append(left, hjoin(
			m.chartBox(lossPane, m.lossTitle(m.rec, m.reconName()+" / step", m.theme.Rec, false), l.rec, m.rec),
			m.chartBox(lossPane, m.lossTitle(m.kl, "KL / step", m.theme.KL, true), l.kl, m.kl))...)
		left = append(left, hjoin(
			m.chartBox(lossPane, m.epochTitle(), l.epoch, m.epoch),
			m.chartBox(gradPane, m.gradTitle(), l.grad, m.grad))...)
		left = append(left, m.barsBox(l.bars)...)
	} else {
		left = append(left, m.chartBox(lossPane, m.lossTitle(m.total, "loss / step", m.theme.Loss, true), l.top, m.total)...)
		if m.focus == gradPane {
			left = append(left, m.chartBox(gradPane, m.gradTitle(), l.lower, m.lower)...)
		} else {
			left = append(left, m.chartBox(lossPane, m.lossTitle(m.lower, "KL / step", m.theme.KL, true), l.lower, m.lower)...)
		}
	}
	return joinColumns(left, m.digitsBox(l.rightW, l.body), l.body)
}

// joinColumns puts the first rows lines of two columns side by side with
// one blank column between them.
func joinColumns(left, right []string, rows int) string {
	var b strings.Builder
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(left[i])
		b.WriteByte(' ')
		b.WriteString(right[i])
	}
	return b.String()
}

// hjoin puts two blocks of equal height side by side with one blank column.
func hjoin(a, b []string) []string {
	out := make([]string, len(a))
	for i := range a {
		out[i] = a[i] + " " + b[i]
	}
	return out
}

// title renders a pane title, reversed when the pane has focus.
func (m *Model) title(p pane, text string, extra string, w int) string {
	return widget.Fit(m.theme.PaneName(text, m.focus == p)+" "+extra, w)
}

// chartBox is a title row over a chart: exactly b.h lines of b.w cells.
func (m *Model) chartBox(p pane, title [2]string, b box, c *widget.Chart) []string {
	out := make([]string, 0, b.h)
	out = append(out, m.title(p, title[0], title[1], b.w))
	return append(out, widget.FitLines(c.View(), b.w, b.h-1)...)
}

// legend is a coloured line sample and its name.
func legend(st lipgloss.Style, glyph, name string) string { return st.Render(glyph) + " " + name }

// modeTags describes a chart's log and zoom state.
func (m *Model) modeTags(c *widget.Chart, steps bool) string {
	var tags []string
	if c.LogY() {
		tags = append(tags, "log")
	}
	if steps && c.Window().Span > 0 {
		tags = append(tags, windowLabel(c.Window()))
	}
	if len(tags) == 0 {
		return ""
	}
	return m.theme.Note.Render("[" + strings.Join(tags, ", ") + "]")
}

func (m *Model) smoothTag() string {
	if m.smoothing == 0 {
		return ""
	}
	return "EMA" + strings.TrimPrefix(widget.FixedDecimals(m.smoothing, 3), "0")
}

// reconName is the reconstruction loss's name: BCE (the tutorial's) or MSE.
func (m *Model) reconName() string {
	if m.cur.run.Info.RecName == "" {
		return "BCE"
	}
	return m.cur.run.Info.RecName
}

func (m *Model) lossTitle(c *widget.Chart, name string, st lipgloss.Style, marks bool) [2]string {
	th := m.theme
	var parts []string
	if t := m.modeTags(c, true); t != "" { // first: the state matters more than the legend
		parts = append(parts, t)
	}
	if m.smoothing > 0 {
		parts = append(parts, legend(th.Raw, "─", "raw"), legend(st, "━", m.smoothTag()))
	} else {
		parts = append(parts, legend(st, "━", "raw"))
	}
	if marks && c == m.kl && m.cur.hist.scheduled || c == m.lower && m.focus != gradPane && m.cur.hist.scheduled {
		parts = append(parts, legend(th.Marker, "╌", "β"))
	}
	if marks && len(m.cur.hist.betaMarks) > 0 {
		parts = append(parts, legend(th.Marker, "┊", "β change"))
	}
	return [2]string{name, strings.Join(parts, "  ")}
}

func (m *Model) epochTitle() [2]string {
	th := m.theme
	var parts []string
	if t := m.modeTags(m.epoch, false); t != "" {
		parts = append(parts, t)
	}
	parts = append(parts, legend(th.Train, "━", "train"), legend(th.Test, "━", "test"))
	return [2]string{"loss / epoch", strings.Join(parts, "  ")}
}

func (m *Model) gradTitle() [2]string {
	th := m.theme
	c := m.grad
	if m.lay.mode == compact {
		c = m.lower
	}
	var parts []string
	if t := m.modeTags(c, true); t != "" {
		parts = append(parts, t)
	}
	if clip := m.cur.snap.Clip; clip > 0 {
		s := legend(th.Clip, "╌", "clip "+widget.FmtParam(clip))
		if n := len(m.cur.hist.steps); n > 0 {
			s += fmt.Sprintf(" (%d%%)", m.cur.hist.clipped*100/n)
		}
		parts = append(parts, s)
	}
	if m.smoothing > 0 {
		parts = append(parts, legend(th.Raw, "─", "raw"), legend(th.Grad, "━", m.smoothTag()))
	}
	return [2]string{"grad norm", strings.Join(parts, "  ")}
}

// barsBox shows the last step's gradient norm of each layer.
func (m *Model) barsBox(b box) []string {
	extra := m.theme.Dim.Render(fmt.Sprintf("at step %d", m.cur.snap.Step))
	if m.cur.snap.Clip > 0 {
		extra += "  " + legend(m.theme.Clip, "│", "clip threshold")
	}
	if m.modes[gradPane].logY {
		extra += "  " + m.theme.Note.Render("[log]")
	}
	out := []string{m.title(gradPane, "grad norm per layer", extra, b.w)}
	return append(out, widget.RenderBars(m.theme, m.cur.snap.LayerNorms, m.cur.snap.Clip, m.modes[gradPane].logY, b.w, b.h-1)...)
}

// digitsBox is the digits pane: test images beside their reconstructions,
// then samples from the prior.
func (m *Model) digitsBox(w, h int) []string {
	d := &m.digits
	if !d.ok {
		return widget.FitLines([]string{m.title(digitsPane, "digits", "", w), m.theme.Dim.Render("  waiting for images…")}, w, h)
	}
	title, extra := m.timelineLabel()
	out := []string{m.title(digitsPane, title, m.theme.Dim.Render(extra), w)}
	out = append(out, d.pairLines...)
	what := "samples from the prior"
	if m.cur.run.Info.Conditional {
		if m.sampleLabel >= 0 {
			what = fmt.Sprintf("samples of digit %d", m.sampleLabel)
		} else {
			what = "samples of every digit"
		}
	}
	out = append(out, m.title(digitsPane, what, m.theme.Dim.Render("s: new z"), w))
	out = append(out, d.sampleLine...)
	return widget.FitLines(out, w, h)
}
