package widget

import (
	"math"
	"strings"

	"github.com/vaetop/vaetop/live"
)

// eighths are the partial blocks that give bars 1/8-cell resolution.
var eighths = []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// BarBlocks is a horizontal bar n eighths of a cell long: full blocks and
// one partial block.
func BarBlocks(n int) string { return strings.Repeat("█", n/8) + eighths[n%8] }

// barScale maps a norm to the fraction of a bar it fills: relative to the
// largest norm (or the clipping threshold if higher), or on a log scale from
// a tenth of the smallest positive norm.
type barScale struct {
	hi, lo float64
	log    bool
}

func newBarScale(norms []live.LayerNorm, clip float64, logScale bool) barScale {
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
	return barScale{hi: hi, lo: lo, log: logScale}
}

func (b barScale) frac(v float64) float64 {
	if !live.Finite(v) || v <= 0 || b.hi <= 0 {
		return 0
	}
	if !b.log {
		return v / b.hi
	}
	floor := b.lo / 10
	if b.hi <= floor {
		return 1
	}
	return math.Log10(v/floor) / math.Log10(b.hi/floor)
}

// RenderBars draws one horizontal bar per layer's gradient norm, scaled to
// the largest (or on a log scale), with the clipping threshold marked "│"
// when clipping is on. Returns exactly h lines of exactly w cells.
func RenderBars(th *Theme, norms []live.LayerNorm, clip float64, logScale bool, w, h int) []string {
	if len(norms) == 0 || h <= 0 {
		return FitLines([]string{th.Dim.Render("  waiting for the first step…")}, w, h)
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
		return FitLines(nil, w, h)
	}
	sc := newBarScale(norms, clip, logScale)
	clipCol := -1
	if clip > 0 {
		clipCol = min(barW-1, int(sc.frac(clip)*float64(barW)))
	}
	cells := make([]string, 0, len(norms))
	for _, n := range norms {
		name := []rune(n.Name)
		if len(name) > nameW {
			name = name[:nameW]
		}
		eighthsN := int(math.Round(sc.frac(n.Norm) * float64(barW*8)))
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
		cells = append(cells, th.Label.Render(label)+" "+b.String()+" "+PadLeft(FmtNum(n.Norm), valW))
	}
	rows := (len(cells) + cols - 1) / cols
	lines := make([]string, 0, rows)
	for r := 0; r < rows && r < h; r++ {
		l := Fit(cells[r], colW)
		if cols == 2 && r+rows < len(cells) {
			l += "  " + cells[r+rows]
		}
		lines = append(lines, l)
	}
	if rows > h {
		lines[h-1] = th.Dim.Render("  … " + FmtCount(float64(len(norms)-(h-1)*cols)) + " more layers (taller terminal shows all)")
	}
	return FitLines(lines, w, h)
}
