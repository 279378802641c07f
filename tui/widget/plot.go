package widget

import (
	"math"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/lipgloss"
)

// plot maps data onto one linechart's graph area.
type plot struct {
	lc             *linechart.Model
	x0, x1, y0, y1 float64
	gw, gh, left   int
}

// cell returns the canvas column and row of a point (row 0 = top).
func (p *plot) cell(x, y float64) (int, int) {
	cx := p.left + int(math.Round((x-p.x0)/(p.x1-p.x0)*float64(p.gw-1)))
	cy := p.gh - 1 - int(math.Round((y-p.y0)/(p.y1-p.y0)*float64(p.gh-1)))
	return cx, cy
}

// intLabels replaces the x labels with whole numbers at their exact
// columns: ntcharts puts labels every n columns, which for a few epochs
// falls between them.
func (p *plot) intLabels(s lipgloss.Style) {
	row := p.lc.Origin().Y + 1
	p.lc.Canvas.SetString(canvas.Point{X: p.left - 1, Y: row}, strings.Repeat(" ", p.gw+1))
	next := p.left - 1 // first free column
	for v := math.Ceil(p.x0); v <= p.x1; v++ {
		col, _ := p.cell(v, p.y0)
		label := FmtCount(v)
		if col < next || col+len(label) > p.left+p.gw {
			continue
		}
		p.lc.Canvas.SetStringWithStyle(canvas.Point{X: col, Y: row}, label, s)
		next = col + len(label) + 1
	}
}

func (p *plot) hline(v float64, s lipgloss.Style) {
	if v < p.y0 || v > p.y1 {
		return
	}
	_, row := p.cell(p.x0, v)
	for x := p.left; x < p.left+p.gw; x += 2 {
		p.lc.Canvas.SetCell(canvas.Point{X: x, Y: row}, canvas.NewCellWithStyle('╌', s))
	}
}

// vmark draws a dotted vertical line at m.X with its label at the top.
func (p *plot) vmark(m Mark, s lipgloss.Style) {
	if m.X < p.x0 || m.X > p.x1 {
		return
	}
	col, _ := p.cell(m.X, p.y0)
	for y := 0; y < p.gh; y++ {
		p.lc.Canvas.SetCell(canvas.Point{X: col, Y: y}, canvas.NewCellWithStyle('┊', s))
	}
	if col+1+len([]rune(m.Label)) <= p.left+p.gw {
		p.lc.Canvas.SetStringWithStyle(canvas.Point{X: col + 1, Y: 0}, m.Label, s)
	}
}

// curve plots one line in braille dots (2×4 per cell). Long histories are
// reduced to each dot column's min and max first, so the cost stays
// proportional to the width, not to the number of steps.
func (p *plot) curve(c *Chart, l Line) {
	gw, gh := p.gw*2, p.gh*4
	grid := runes.NewPatternDotsGrid(gw, gh)
	dot := func(x, y float64) (int, int) {
		gx := int(math.Round((x - p.x0) / (p.x1 - p.x0) * float64(gw-1)))
		gy := gh - 1 - int(math.Round((y-p.y0)/(p.y1-p.y0)*float64(gh-1)))
		return gx, gy
	}
	i := lowerBound(l.X, p.x0)
	if i > 0 {
		i-- // start from the point before the window so the line enters it
	}
	prevX, prevY, have := 0, 0, false
	colX, colMin, colMax, inCol := 0, 0, 0, false
	flush := func() {
		if !inCol {
			return
		}
		if have {
			drawDots(grid, prevX, prevY, colX, colMin)
		}
		drawDots(grid, colX, colMin, colX, colMax)
		prevX, prevY, have = colX, colMax, true
		inCol = false
	}
	for ; i < len(l.X); i++ {
		v, ok := c.ty(l.Y[i])
		if !ok {
			continue
		}
		gx, gy := dot(l.X[i], v)
		if inCol && gx == colX {
			colMin, colMax = min(colMin, gy), max(colMax, gy)
			continue
		}
		flush()
		colX, colMin, colMax, inCol = gx, gy, gy, true
		if l.X[i] > p.x1 {
			break
		}
	}
	flush()
	if l.Dashed { // dashes of three cells, gaps of one
		for x := 0; x < gw; x++ {
			if (x/2)%4 == 3 {
				for y := 0; y < gh; y++ {
					grid.Unset(x, y)
				}
			}
		}
	}
	graph.DrawBraillePatterns(&p.lc.Canvas, canvas.Point{X: p.left, Y: 0}, grid.BraillePatterns(), l.Style)
}

// drawDots sets the dots on the straight line between two grid points
// (Bresenham), clipping to the grid.
func drawDots(g *runes.PatternDotsGrid, x0, y0, x1, y1 int) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	err := dx + dy
	for {
		g.Set(x0, y0)
		if x0 == x1 && y0 == y1 {
			return
		}
		e2 := 2 * err
		if e2 >= dy {
			err += dy
			x0 += sx
		}
		if e2 <= dx {
			err += dx
			y0 += sy
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func sign(v int) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}
