package tui

import (
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/tui/widget"
)

// scatterFrame maps map coordinates to the cells of a w×h plot and back.
// One cell is one addressable position: the cursor moves cell by cell.
type scatterFrame struct {
	w, h           int
	x0, x1, y0, y1 float64 // the plot's bounds in map coordinates
}

// newScatterFrame fits the points' bounds (m.Lo, m.Hi) padded by 3% on each
// side into w×h cells. An axis with no spread (a 1-D latent's y, a single
// point) gets a width of its own, so no bound is ever zero-width.
func newScatterFrame(m *latent.Map, w, h int) scatterFrame {
	f := scatterFrame{w: max(w, 0), h: max(h, 0), x0: -1, x1: 1, y0: -1, y1: 1}
	if m == nil {
		return f
	}
	f.x0, f.x1 = padRange(m.Lo[0], m.Hi[0])
	f.y0, f.y1 = padRange(m.Lo[1], m.Hi[1])
	return f
}

func padRange(lo, hi float64) (float64, float64) {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || lo > hi {
		return -1, 1
	}
	span := hi - lo
	if span <= 1e-9*math.Max(1, math.Abs(lo)) {
		half := math.Max(0.5, math.Abs(lo)*0.1)
		return lo - half, hi + half
	}
	return lo - 0.03*span, hi + 0.03*span
}

// cell returns the cell holding map point (x, y); row 0 is at the top, as
// y grows upwards. ok is false outside the frame.
func (f scatterFrame) cell(x, y float64) (col, row int, ok bool) {
	if f.w <= 0 || f.h <= 0 || !(x >= f.x0 && x <= f.x1 && y >= f.y0 && y <= f.y1) {
		return 0, 0, false
	}
	col = min(f.w-1, int((x-f.x0)/(f.x1-f.x0)*float64(f.w)))
	up := min(f.h-1, int((y-f.y0)/(f.y1-f.y0)*float64(f.h)))
	return col, f.h - 1 - up, true
}

// coords returns the map coordinates of the centre of a cell.
func (f scatterFrame) coords(col, row int) (x, y float64) {
	x = f.x0 + (float64(col)+0.5)/float64(max(f.w, 1))*(f.x1-f.x0)
	y = f.y0 + (float64(f.h-1-row)+0.5)/float64(max(f.h, 1))*(f.y1-f.y0)
	return x, y
}

// noClass marks cells whose points carry no digit label.
const noClass = 10

// scatterBins are a map's points counted per cell of a frame: what the
// scatter draws. Rebin only when the map or the frame changes.
type scatterBins struct {
	f     scatterFrame
	count []int32  // points per cell, row-major
	major []int8   // the majority class per cell (ties: lowest digit); noClass when unlabelled
	dense [2]int32 // counts above these draw '•' and '●'
}

// binScatter counts the points of m per cell of f and finds each cell's
// majority class. labels may be nil or short: those points count as
// unlabelled.
func binScatter(m *latent.Map, labels []uint8, f scatterFrame) *scatterBins {
	n := f.w * f.h
	b := &scatterBins{f: f, count: make([]int32, n), major: make([]int8, n)}
	if m == nil || n == 0 {
		return b
	}
	perClass := make([]int32, n*(noClass+1))
	for i := 0; 2*i+1 < len(m.Points); i++ {
		col, row, ok := f.cell(m.Points[2*i], m.Points[2*i+1])
		if !ok {
			continue
		}
		c := noClass
		if i < len(labels) && labels[i] < noClass {
			c = int(labels[i])
		}
		k := row*f.w + col
		b.count[k]++
		perClass[k*(noClass+1)+c]++
	}
	var occupied, total int64
	for k := range b.count {
		if b.count[k] == 0 {
			continue
		}
		occupied++
		total += int64(b.count[k])
		pc := perClass[k*(noClass+1) : (k+1)*(noClass+1)]
		best := noClass
		for c := 0; c < noClass; c++ {
			if pc[c] > 0 && (best == noClass || pc[c] > pc[best]) {
				best = c
			}
		}
		if best != noClass && pc[noClass] > pc[best] {
			best = noClass
		}
		b.major[k] = int8(best)
	}
	// Density is relative to the mean occupied cell, so a 30×8 plot of
	// 10 000 points shows texture as well as a 200×60 one.
	mean := float64(1)
	if occupied > 0 {
		mean = float64(total) / float64(occupied)
	}
	b.dense = [2]int32{int32(math.Max(2, math.Round(mean/2))), int32(math.Max(4, math.Round(2*mean)))}
	return b
}

// at returns how many points the cell holds and their majority class
// (noClass when unlabelled; -1 outside the frame or for an empty cell).
func (b *scatterBins) at(col, row int) (n, class int) {
	if col < 0 || row < 0 || col >= b.f.w || row >= b.f.h {
		return 0, -1
	}
	k := row*b.f.w + col
	if b.count[k] == 0 {
		return 0, -1
	}
	return int(b.count[k]), int(b.major[k])
}

// scatterPicture is a drawn scatter without its cursor: moving the cursor
// redraws only the cursor's row.
type scatterPicture struct {
	b      *scatterBins
	glyphs bool // digits instead of colours
	colour bool // the terminal shows colour (reverse video for the cursor)
	// pre and suf wrap a run of one class's cells: the raw SGR sequences of
	// its style (rendering each cell through lipgloss would cost far more).
	pre, suf [noClass + 1]string
	cursor   [noClass + 1]lipgloss.Style
	rows     []string
}

// picture draws the bins for th; ascii asks for digit glyphs even on a
// colour terminal.
func (b *scatterBins) picture(th *widget.Theme, ascii bool) *scatterPicture {
	p := &scatterPicture{b: b, glyphs: ascii || !th.Colour(), colour: th.Colour()}
	styles := classStyles(th)
	for c := 0; c <= noClass; c++ {
		st := th.Dim
		if c < noClass {
			st = styles[c]
		}
		if !p.glyphs {
			p.pre[c], p.suf[c] = styleWrap(st)
		}
		if p.glyphs {
			st = th.Marker
		}
		p.cursor[c] = st.Reverse(true).Bold(true)
	}
	p.cursor[noClass] = th.Marker.Reverse(true).Bold(true)
	p.rows = make([]string, b.f.h)
	for r := range p.rows {
		p.rows[r] = p.row(r, -1)
	}
	return p
}

// styleWrap splits what st puts around a string into its prefix and
// suffix.
func styleWrap(st lipgloss.Style) (pre, suf string) {
	const probe = "X"
	s := st.Render(probe)
	i := strings.Index(s, probe)
	if i < 0 || strings.Count(s, probe) != 1 {
		return "", ""
	}
	return s[:i], s[i+len(probe):]
}

// styleCodes are a style's raw SGR wrapping, for drawing many small pieces
// cheaply (Render costs microseconds a call).
type styleCodes struct{ pre, suf string }

func codesOf(st lipgloss.Style) styleCodes {
	pre, suf := styleWrap(st)
	return styleCodes{pre, suf}
}

// render wraps s like the style would (for text without newlines or tabs).
func (c styleCodes) render(s string) string {
	if s == "" || c.pre == "" {
		return s
	}
	return c.pre + s + c.suf
}

// withCursor returns the picture's lines with the cursor at (col, row);
// a cursor outside the frame is not drawn.
func (p *scatterPicture) withCursor(col, row int) []string {
	out := make([]string, len(p.rows))
	copy(out, p.rows)
	if row >= 0 && row < len(out) && col >= 0 && col < p.b.f.w {
		out[row] = p.row(row, col)
	}
	return out
}

// row draws one row of exactly w cells, the cursor at column cur (-1:
// none).
func (p *scatterPicture) row(r, cur int) string {
	b := p.b
	w := b.f.w
	var sb strings.Builder
	sb.Grow(w * 4)
	open := -1 // the class whose colour is on
	closeRun := func() {
		if open >= 0 {
			sb.WriteString(p.suf[open])
			open = -1
		}
	}
	for c := 0; c < w; c++ {
		k := r*w + c
		n, class := b.count[k], int(b.major[k])
		if c == cur {
			closeRun()
			sb.WriteString(p.cursorCell(n, class))
			continue
		}
		if n == 0 {
			sb.WriteByte(' ') // a blank looks the same in any colour
			continue
		}
		if p.glyphs {
			if class == noClass {
				sb.WriteByte('*')
			} else {
				sb.WriteByte(byte('0' + class))
			}
			continue
		}
		if class != open {
			closeRun()
			sb.WriteString(p.pre[class])
			open = class
		}
		switch {
		case n > b.dense[1]:
			sb.WriteString("●")
		case n > b.dense[0]:
			sb.WriteString("•")
		default:
			sb.WriteString("·")
		}
	}
	closeRun()
	return sb.String()
}

// cursorCell is the cursor: reverse video in colour ('+' on an empty cell,
// the cell's own glyph otherwise, its class colour kept), and '+' or '@'
// without colour.
func (p *scatterPicture) cursorCell(n int32, class int) string {
	switch {
	case !p.colour && n == 0:
		return "+"
	case !p.colour:
		return "@"
	case n == 0:
		return p.cursor[noClass].Render("+")
	case p.glyphs:
		return p.cursor[class].Render("@")
	case class == noClass:
		return p.cursor[noClass].Render("•")
	default:
		return p.cursor[class].Render("•")
	}
}

// drawScatter draws the points of m in frame f, each cell in the colour of
// its points' majority class (or as that digit when ascii or without
// colour), with the cursor at (curCol, curRow). Returns exactly f.h lines
// of f.w cells. It bins and draws in one go; a view that redraws on every
// cursor move keeps binScatter(…).picture(…) and calls withCursor.
func drawScatter(th *widget.Theme, m *latent.Map, labels []uint8, f scatterFrame, curCol, curRow int, ascii bool) []string {
	return binScatter(m, labels, f).picture(th, ascii).withCursor(curCol, curRow)
}
