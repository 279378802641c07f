package tui

import (
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

// legend is a coloured line sample and its name.
func legend(st lipgloss.Style, glyph, name string) string { return st.Render(glyph) + " " + name }

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
