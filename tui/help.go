package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/tui/widget"
)

// helpView is the full key list drawn from the key table, one column per
// group, centred in w×h.
func (m *Model) helpView(groups []keyGroup, w, h int) []string {
	th := m.theme
	var cols []string
	for _, g := range groups {
		bs := make([]key.Binding, 0, len(g.bindings))
		for _, b := range g.bindings {
			bs = append(bs, b.Binding)
		}
		body := m.help.FullHelpView([][]key.Binding{bs})
		if body == "" {
			continue
		}
		cols = append(cols, th.Title.Render(g.name)+"\n"+body)
	}
	gap := th.Renderer().NewStyle().Width(4).Render("")
	// Pack the columns into as few rows as the width allows.
	var rows []string
	for len(cols) > 0 {
		n, width := 0, 0
		for n < len(cols) && (n == 0 || width+4+lipgloss.Width(cols[n]) <= w) {
			if n > 0 {
				width += 4
			}
			width += lipgloss.Width(cols[n])
			n++
		}
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, intersperse(cols[:n], gap)...))
		cols = cols[n:]
	}
	block := strings.Join(rows, "\n\n")
	lines := append([]string{th.Title.Render("keys") + th.Dim.Render("  (? closes this)"), ""}, strings.Split(block, "\n")...)
	out := widget.BlankLines(w, h)
	top := max(0, (h-len(lines))/2)
	pad := strings.Repeat(" ", max(0, (w-lipgloss.Width(block))/2))
	for i, l := range lines {
		if top+i >= h {
			break
		}
		out[top+i] = widget.Fit(pad+l, w)
	}
	if len(lines) > h && h > 0 { // say that keys were cut, never drop them silently
		out[h-1] = widget.Fit(th.Dim.Render(" … more keys than fit: a larger terminal shows them all"), w)
	}
	return out
}

func intersperse(xs []string, sep string) []string {
	out := make([]string, 0, 2*len(xs))
	for i, x := range xs {
		if i > 0 {
			out = append(out, sep)
		}
		out = append(out, x)
	}
	return out
}
