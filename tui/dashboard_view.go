package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/tui/widget"
)

// The dashboard's drawing: its panes joined into the body, their titles.

// bodyView lays out the dashboard's panes between the header and the help line:
// exactly lay.body lines of exactly lay.w cells, so a frame never wraps or
// scrolls whatever the size.
func (m *dashScreen) bodyView() string {
	l := m.lay
	switch {
	case l.mode == tooSmall:
		return m.tooSmallView()
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
			m.chartBox(lossPane, m.epochTitle(m.epoch, legend(m.theme.Train, "━", "train")+"  "+legend(m.theme.Test, "━", "test")), l.epoch, m.epoch),
			m.chartBox(gradPane, m.gradTitle(), l.grad, m.grad))...)
		left = append(left, m.barsBox(l.bars)...)
	} else {
		left = append(left, m.chartBox(lossPane, m.lossTitle(m.total, "loss / step", m.theme.Loss, true), l.top, m.total)...)
		if m.focus == gradPane {
			left = append(left, m.chartBox(gradPane, m.gradTitle(), l.lower, m.gradLow)...)
		} else {
			left = append(left, m.chartBox(lossPane, m.lossTitle(m.klLow, "KL / step", m.theme.KL, true), l.lower, m.klLow)...)
		}
	}
	return joinColumns(left, m.digitsBox(l.rightW, l.body), l.body)
}

func (m *dashScreen) lossTitle(c *widget.Chart, name string, st lipgloss.Style, marks bool) [2]string {
	th := m.theme
	parts := m.stateTags(c, true) // first: the state matters more than the legend
	if m.smoothing > 0 {
		parts = append(parts, legend(th.Raw, "─", "raw"), legend(st, "━", m.smoothTag()))
	} else {
		parts = append(parts, legend(st, "━", "raw"))
	}
	if marks && c == m.kl && m.cur.hist.scheduled || c == m.klLow && m.cur.hist.scheduled {
		parts = append(parts, legend(th.Marker, "╌", "β"))
	}
	if marks && len(m.cur.hist.betaMarks) > 0 {
		parts = append(parts, legend(th.Marker, "┊", "β change"))
	}
	return [2]string{name, strings.Join(parts, "  ")}
}

func (m *dashScreen) gradTitle() [2]string {
	th := m.theme
	c := m.grad
	if m.lay.mode == compact {
		c = m.gradLow
	}
	parts := m.stateTags(c, true)
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
func (m *dashScreen) barsBox(b box) []string {
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
func (m *dashScreen) digitsBox(w, h int) []string {
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
