package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/tui/widget"
)

// classColours are the digits' colours: mid-tones that read on dark and
// light backgrounds. The 16-colour codes are chosen by hand so that the ten
// stay distinct there too (degrading the hex values would merge several).
var classColours = [10]lipgloss.CompleteColor{
	{TrueColor: "#3b82f6", ANSI256: "#3b82f6", ANSI: "12"}, // 0 blue
	{TrueColor: "#f97316", ANSI256: "#f97316", ANSI: "3"},  // 1 orange
	{TrueColor: "#22c55e", ANSI256: "#22c55e", ANSI: "2"},  // 2 green
	{TrueColor: "#ef4444", ANSI256: "#ef4444", ANSI: "9"},  // 3 red
	{TrueColor: "#a855f7", ANSI256: "#a855f7", ANSI: "5"},  // 4 purple
	{TrueColor: "#eab308", ANSI256: "#eab308", ANSI: "11"}, // 5 yellow
	{TrueColor: "#06b6d4", ANSI256: "#06b6d4", ANSI: "14"}, // 6 cyan
	{TrueColor: "#ec4899", ANSI256: "#ec4899", ANSI: "13"}, // 7 pink
	{TrueColor: "#84cc16", ANSI256: "#84cc16", ANSI: "10"}, // 8 lime
	{TrueColor: "#b7793f", ANSI256: "#b7793f", ANSI: "1"},  // 9 brown
}

// classStyles returns the style of each digit class, from th's renderer.
// Under the Ascii profile they render plain; the scatter then draws digit
// glyphs instead.
func classStyles(th *widget.Theme) [10]lipgloss.Style {
	var s [10]lipgloss.Style
	for i, c := range classColours {
		s[i] = th.Renderer().NewStyle().Foreground(c)
	}
	return s
}

// scatterLegend is one line "0 1 2 … 9", each digit in its class colour
// (plain when ascii or without colour), fitted to w cells.
func scatterLegend(th *widget.Theme, ascii bool, w int) string {
	glyphs := ascii || !th.Colour()
	styles := classStyles(th)
	var b strings.Builder
	for d := 0; d < 10; d++ {
		if d > 0 {
			b.WriteByte(' ')
		}
		s := strconv.Itoa(d)
		if glyphs {
			b.WriteString(s)
		} else {
			b.WriteString(styles[d].Render(s))
		}
	}
	if glyphs {
		b.WriteString(th.Dim.Render("   @ cursor"))
	} else {
		b.WriteString(th.Dim.Render("   · • ● sparse → dense"))
	}
	return widget.Fit(b.String(), w)
}

// mapCaption says what the map's axes are and how much of the variance
// each carries: "PC1 34% · PC2 21% of variance", or for a latent space of
// at most two dimensions "z1 × z2 (raw axes) 61% · 39%".
func mapCaption(m *latent.Map) string {
	if m == nil {
		return ""
	}
	pct := func(v float64) string { return strconv.Itoa(int(v*100+0.5)) + "%" }
	switch {
	case m.Raw && m.Axes[1] == nil:
		return "z1 (raw axis) " + pct(m.Explained[0])
	case m.Raw:
		return "z1 × z2 (raw axes) " + pct(m.Explained[0]) + " · " + pct(m.Explained[1])
	default:
		return "PC1 " + pct(m.Explained[0]) + " · PC2 " + pct(m.Explained[1]) + " of variance"
	}
}
