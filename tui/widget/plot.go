package widget

import (
	"math"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/graph"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/live"
)

// plot maps data onto one linechart's graph area.
type plot struct {
	lc             *linechart.Model
	x0, x1, y0, y1 float64
	gw, gh, left   int
	nf             []uint8 // per graph column: the non-finite kinds seen there
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
// proportional to the width, not to the number of steps. A NaN or an
// infinity breaks the line and flags its column for nonFinite.
func (p *plot) curve(c *Chart, l Line) {
	gw, gh := p.gw*2, p.gh*4
	s := stroke{grid: runes.NewPatternDotsGrid(gw, gh)}
	i := lowerBound(l.X, p.x0)
	if i > 0 {
		i-- // start from the point before the window so the line enters it
	}
	for ; i < len(l.X); i++ {
		x, y := l.X[i], l.Y[i]
		gx := int(math.Round((x - p.x0) / (p.x1 - p.x0) * float64(gw-1)))
		if raw := l.Raw; raw != nil && !live.Finite(raw[i]) {
			y = raw[i] // a smoothed line breaks where its raw values do
		}
		if !live.Finite(y) {
			s.brk()
			if x >= p.x0 && x <= p.x1 {
				p.nf[gx/2] |= nonFiniteKind(y)
			}
		} else if v, ok := c.ty(y); ok {
			s.add(gx, gh-1-int(math.Round((v-p.y0)/(p.y1-p.y0)*float64(gh-1))))
		} else {
			continue // ≤ 0 on a log scale: skipped, the line goes on
		}
		if x > p.x1 {
			break
		}
	}
	s.flush()
	if l.Dashed { // dashes of three cells, gaps of one
		for x := 0; x < gw; x++ {
			if (x/2)%4 == 3 {
				for y := 0; y < gh; y++ {
					s.grid.Unset(x, y)
				}
			}
		}
	}
	graph.DrawBraillePatterns(&p.lc.Canvas, canvas.Point{X: p.left, Y: 0}, s.grid.BraillePatterns(), l.Style)
}

// stroke draws a line's dots column by column: the points of one dot
// column make a vertical run from their min to their max, joined to the
// previous column's unless a break came between.
type stroke struct {
	grid                 *runes.PatternDotsGrid
	prevX, prevY         int
	have                 bool // prevX, prevY end the stroke so far
	colX, colMin, colMax int
	inCol                bool // a column is being gathered
}

// add adds the dot (gx, gy), in the current column or starting the next.
func (s *stroke) add(gx, gy int) {
	if s.inCol && gx == s.colX {
		s.colMin, s.colMax = min(s.colMin, gy), max(s.colMax, gy)
		return
	}
	s.flush()
	s.colX, s.colMin, s.colMax, s.inCol = gx, gy, gy, true
}

// flush draws the gathered column and its join to the previous one.
func (s *stroke) flush() {
	if !s.inCol {
		return
	}
	if s.have {
		drawDots(s.grid, s.prevX, s.prevY, s.colX, s.colMin)
	}
	drawDots(s.grid, s.colX, s.colMin, s.colX, s.colMax)
	s.prevX, s.prevY, s.have = s.colX, s.colMax, true
	s.inCol = false
}

// brk ends the stroke: the next point is not joined to the last.
func (s *stroke) brk() {
	s.flush()
	s.have = false
}

// Non-finite kinds, as bits of plot.nf (one byte per graph column).
const (
	nfNaN uint8 = 1 << iota
	nfPosInf
	nfNegInf
)

// The glyphs that mark non-finite points, one cell each.
const (
	glyphNaN    = '×'
	glyphPosInf = '▲'
	glyphNegInf = '▼'
)

func nonFiniteKind(v float64) uint8 {
	switch {
	case math.IsNaN(v):
		return nfNaN
	case v > 0:
		return nfPosInf
	}
	return nfNegInf
}

// nonFinite marks the columns where a line had a NaN or an infinity: -Inf
// on the graph's bottom row, +Inf and NaN on its top row (NaN wins a column
// holding both: it is the worse news).
func (p *plot) nonFinite(s lipgloss.Style) {
	for i, k := range p.nf {
		x := p.left + i
		if k&nfNegInf != 0 {
			p.lc.Canvas.SetCell(canvas.Point{X: x, Y: p.gh - 1}, canvas.NewCellWithStyle(glyphNegInf, s))
		}
		switch {
		case k&nfNaN != 0:
			p.lc.Canvas.SetCell(canvas.Point{X: x, Y: 0}, canvas.NewCellWithStyle(glyphNaN, s))
		case k&nfPosInf != 0:
			p.lc.Canvas.SetCell(canvas.Point{X: x, Y: 0}, canvas.NewCellWithStyle(glyphPosInf, s))
		}
	}
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
