package tui

import (
	"math"
	"strings"

	"github.com/vaetop/vaetop/live"
)

// eighths are the partial blocks that give bars 1/8-cell resolution.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// renderBars draws one horizontal bar per layer's gradient norm, scaled to
// the largest (or on a log scale), with the clipping threshold marked "│"
// when clipping is on. Returns exactly h lines of exactly w cells.
func renderBars(th *theme, norms []live.LayerNorm, clip float64, logScale bool, w, h int) []string {
	if len(norms) == 0 || h <= 0 {
		return fitLines([]string{th.Dim.Render("  waiting for the first step…")}, w, h)
	}
	cols := 1
	if len(norms) > h && w >= 2*34+2 {
		cols = 2
	}
	colW := (w - 2*(cols-1)) / cols
	nameW := 0
	for _, n := range norms {
		nameW = max(nameW, len([]rune(n.Name)))
	}
	nameW = min(nameW, 12)
	const valW = 8
	barW := colW - nameW - 2 - valW
	if barW < 4 {
		return fitLines(nil, w, h)
	}
	hi, lo := 0.0, math.Inf(1)
	for _, n := range norms {
		if live.Finite(n.Norm) {
			hi = math.Max(hi, n.Norm)
			if n.Norm > 0 {
				lo = math.Min(lo, n.Norm)
			}
		}
	}
	if clip > 0 {
		hi = math.Max(hi, clip)
	}
	frac := func(v float64) float64 {
		if !live.Finite(v) || v <= 0 || hi <= 0 {
			return 0
		}
		if !logScale {
			return v / hi
		}
		floor := lo / 10
		if hi <= floor {
			return 1
		}
		return math.Log10(v/floor) / math.Log10(hi/floor)
	}
	clipCol := -1
	if clip > 0 {
		clipCol = min(barW-1, int(frac(clip)*float64(barW)))
	}
	cells := make([]string, 0, len(norms))
	for _, n := range norms {
		name := []rune(n.Name)
		if len(name) > nameW {
			name = name[:nameW]
		}
		eighthsN := int(math.Round(frac(n.Norm) * float64(barW*8)))
		bar := []rune(strings.Repeat("█", eighthsN/8) + eighths[eighthsN%8] + strings.Repeat(" ", barW))[:barW]
		var b strings.Builder
		if clipCol >= 0 {
			b.WriteString(th.Bar.Render(string(bar[:clipCol])))
			tick := "│"
			if bar[clipCol] != ' ' {
				tick = "┃"
			}
			b.WriteString(th.Clip.Render(tick))
			b.WriteString(th.Bar.Render(string(bar[clipCol+1:])))
		} else {
			b.WriteString(th.Bar.Render(string(bar)))
		}
		label := string(name) + strings.Repeat(" ", nameW-len(name))
		cells = append(cells, th.Label.Render(label)+" "+b.String()+" "+padLeft(fmtNum(n.Norm), valW))
	}
	rows := (len(cells) + cols - 1) / cols
	lines := make([]string, 0, rows)
	for r := 0; r < rows && r < h; r++ {
		l := fit(cells[r], colW)
		if cols == 2 && r+rows < len(cells) {
			l += "  " + cells[r+rows]
		}
		lines = append(lines, l)
	}
	if rows > h {
		lines[h-1] = th.Dim.Render("  … " + fmtCount(float64(len(norms)-(h-1)*cols)) + " more layers (taller terminal shows all)")
	}
	return fitLines(lines, w, h)
}

func padLeft(s string, w int) string {
	if n := len([]rune(s)); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}
