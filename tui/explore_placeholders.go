package tui

// Stand-ins for the map and collapse renderers, which are written
// elsewhere; the integrator deletes this file when merging the real ones.
// They are minimal but keep the contract: exactly the lines and cells
// asked for.

import (
	"fmt"
	"math"
	"strings"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/live"
)

// scatterFrame maps map coordinates onto a w×h grid of cells.
type scatterFrame struct {
	w, h   int
	lo, hi [2]float64
}

func newScatterFrame(m *latent.Map, w, h int) scatterFrame {
	f := scatterFrame{w: max(w, 1), h: max(h, 1), lo: [2]float64{-1, -1}, hi: [2]float64{1, 1}}
	if m != nil {
		for a := 0; a < 2; a++ {
			if m.Hi[a] > m.Lo[a] {
				f.lo[a], f.hi[a] = m.Lo[a], m.Hi[a]
			}
		}
	}
	return f
}

// cell is the cell holding (x, y); row 0 at top.
func (f scatterFrame) cell(x, y float64) (col, row int, ok bool) {
	c := int(math.Floor((x - f.lo[0]) / (f.hi[0] - f.lo[0]) * float64(f.w)))
	r := f.h - 1 - int(math.Floor((y-f.lo[1])/(f.hi[1]-f.lo[1])*float64(f.h)))
	if x == f.hi[0] {
		c = f.w - 1
	}
	if y == f.hi[1] {
		r = 0
	}
	return c, r, c >= 0 && c < f.w && r >= 0 && r < f.h
}

// coords is the centre of a cell.
func (f scatterFrame) coords(col, row int) (x, y float64) {
	x = f.lo[0] + (float64(col)+0.5)/float64(f.w)*(f.hi[0]-f.lo[0])
	y = f.lo[1] + (float64(f.h-1-row)+0.5)/float64(f.h)*(f.hi[1]-f.lo[1])
	return x, y
}

// drawScatter marks each cell with the digit of a point in it, and the
// cursor with '+': f.h lines of f.w cells.
func drawScatter(th *theme, m *latent.Map, labels []uint8, f scatterFrame, curCol, curRow int, ascii bool) []string {
	grid := make([][]byte, f.h)
	for r := range grid {
		grid[r] = []byte(strings.Repeat(" ", f.w))
	}
	if m != nil {
		for i := 0; i+1 < len(m.Points); i += 2 {
			c, r, ok := f.cell(m.Points[i], m.Points[i+1])
			if ok && i/2 < len(labels) {
				grid[r][c] = '0' + labels[i/2]%10
			}
		}
	}
	if curRow >= 0 && curRow < f.h && curCol >= 0 && curCol < f.w {
		grid[curRow][curCol] = '+'
	}
	out := make([]string, f.h)
	for r := range grid {
		out[r] = string(grid[r])
	}
	return out
}

func scatterLegend(th *theme, ascii bool, w int) string {
	return fit("0-9 a point's digit  + cursor", w)
}

func mapCaption(m *latent.Map) string {
	if m == nil {
		return ""
	}
	return fmt.Sprintf("PC1 %.0f%% · PC2 %.0f%%", 100*m.Explained[0], 100*m.Explained[1])
}

// drawCollapse lists each unit's KL and variance: h lines of w cells.
func drawCollapse(th *theme, l *live.Latents, epochs []live.EpochMetric, w, h int) []string {
	var lines []string
	if l != nil {
		lines = append(lines, fmt.Sprintf("active %d/%d · test KL %.2f", l.Active, l.Dim, l.TestKL))
		for d := 0; d < l.Dim && d < len(l.KL) && d < len(l.Var); d++ {
			lines = append(lines, fmt.Sprintf("z%-2d KL %6.3f var %6.3f", d, l.KL[d], l.Var[d]))
		}
	}
	return fitLines(lines, w, h)
}
