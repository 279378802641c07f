package widget

import (
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// grid is a chart's view as rows of cells (one rune each: the chart draws
// no wide characters).
func grid(c *Chart) [][]rune {
	var out [][]rune
	for _, l := range c.View() {
		out = append(out, []rune(ansi.Strip(l)))
	}
	return out
}

// graphCol is the screen column of x in c's last draw: the column of its
// braille dot, as curve computes it.
func graphCol(c *Chart, x, x0, x1 float64) int {
	gw := c.lc.GraphWidth()
	gx := int(math.Round((x - x0) / (x1 - x0) * float64(2*gw-1)))
	return c.lc.Origin().X + 1 + gx/2
}

func ramp(n int) (xs, ys []float64) {
	for i := 0; i < n; i++ {
		xs, ys = append(xs, float64(i)), append(ys, float64(i%5))
	}
	return
}

func TestChartMarksNonFinite(t *testing.T) {
	th := asciiTheme()
	c := NewChart(th, false)
	c.SetSize(60, 10)
	xs, ys := ramp(21)
	ys[5], ys[10], ys[15] = math.NaN(), math.Inf(1), math.Inf(-1)
	c.SetData([]Line{{X: xs, Y: ys, Style: th.Loss}}, nil, 0)
	g := grid(c)
	bottom := c.lc.GraphHeight() - 1
	for _, want := range []struct {
		x     float64
		row   int
		glyph rune
	}{{5, 0, '×'}, {10, 0, '▲'}, {15, bottom, '▼'}} {
		col := graphCol(c, want.x, 0, 20)
		if got := g[want.row][col]; got != want.glyph {
			t.Errorf("x=%v: %q at row %d col %d, want %q\n%s", want.x, got, want.row, col, want.glyph, string(join(g)))
		}
	}
	// Each glyph once: no marker for a finite point.
	text := string(join(g))
	for _, glyph := range "×▲▼" {
		if n := strings.Count(text, string(glyph)); n != 1 {
			t.Errorf("%q drawn %d times\n%s", glyph, n, text)
		}
	}
}

func join(g [][]rune) []rune {
	var out []rune
	for _, r := range g {
		out = append(append(out, r...), '\n')
	}
	return out
}

// The neighbours of a NaN, one at the bottom and one at the top, are not
// joined: no dot in the columns strictly between them.
func TestChartBreaksLineAtNaN(t *testing.T) {
	th := asciiTheme()
	c := NewChart(th, false)
	c.SetSize(60, 10)
	xs, ys := make([]float64, 21), make([]float64, 21)
	for i := range xs {
		xs[i] = float64(i)
		if i > 10 {
			ys[i] = 100
		}
	}
	ys[10] = math.NaN()
	c.SetData([]Line{{X: xs, Y: ys, Style: th.Loss}}, nil, 0)
	g := grid(c)
	from, to := graphCol(c, 9, 0, 20), graphCol(c, 11, 0, 20)
	if to-from < 2 {
		t.Fatalf("neighbours in columns %d and %d: nothing between", from, to)
	}
	for row := 0; row < c.lc.GraphHeight(); row++ {
		for col := from + 1; col < to; col++ {
			if r := g[row][col]; r >= 0x2800 && r <= 0x28FF && r != 0x2800 {
				t.Errorf("dot %q at row %d col %d between the neighbours\n%s", r, row, col, string(join(g)))
			}
		}
	}
}

func TestChartNonFiniteCountsEachSliceOnce(t *testing.T) {
	th := asciiTheme()
	c := NewChart(th, false)
	xs, ys := ramp(10)
	ys[1], ys[2], ys[3], ys[4] = math.NaN(), math.Inf(1), math.Inf(-1), math.NaN()
	other := []float64{math.NaN(), 1, 2, 3, 4, 5, 6, 7, 8, 9}
	c.SetData([]Line{{X: xs, Y: ys}, {X: xs, Y: ys}, {X: xs, Y: other}, {X: nil, Y: nil}}, nil, 0)
	if nan, pos, neg := c.NonFinite(); nan != 3 || pos != 1 || neg != 1 {
		t.Errorf("NonFinite = %d, %d, %d; want 3, 1, 1", nan, pos, neg)
	}
	c.SetData([]Line{{X: xs, Y: other[1:]}}, nil, 0)
	if nan, pos, neg := c.NonFinite(); nan+pos+neg != 0 {
		t.Errorf("finite data counts %d, %d, %d", nan, pos, neg)
	}
}

// Zoomed out over 100k steps, the reduction to dot columns keeps the NaN.
func TestChartLongHistoryKeepsNaNMarker(t *testing.T) {
	th := asciiTheme()
	c := NewChart(th, false)
	c.SetSize(80, 12)
	xs, ys := decaying(100000)
	ys[50000] = math.NaN()
	c.SetData([]Line{{X: xs, Y: ys, Style: th.Raw}, {X: xs, Y: ys, Style: th.Loss}}, nil, 0)
	g := grid(c)
	col := graphCol(c, xs[50000], 1, 100000)
	if g[0][col] != '×' {
		t.Errorf("no NaN marker at row 0 col %d:\n%s", col, string(join(g)))
	}
	if nan, _, _ := c.NonFinite(); nan != 1 {
		t.Errorf("NaN counted %d times", nan)
	}
}

// On a log scale a finite value ≤ 0 is skipped, not marked, and does not
// break the line.
func TestChartLogSkipsNonPositiveUnmarked(t *testing.T) {
	th := asciiTheme()
	c := NewChart(th, false)
	c.SetSize(40, 8)
	c.SetMode(true, Window{})
	c.SetData([]Line{{X: []float64{1, 2, 3}, Y: []float64{10, 0, 1000}, Style: th.Loss}}, nil, 0)
	text := string(join(grid(c)))
	if strings.ContainsAny(text, "×▲▼") {
		t.Errorf("a zero on a log scale is marked:\n%s", text)
	}
	if nan, pos, neg := c.NonFinite(); nan+pos+neg != 0 {
		t.Errorf("a zero counted as non-finite")
	}
	// Joined across the skipped point: the middle column has dots.
	col := graphCol(c, 2, 1, 3)
	dots := false
	for row := 0; row < c.lc.GraphHeight(); row++ {
		r := grid(c)[row][col]
		dots = dots || r > 0x2800 && r <= 0x28FF
	}
	if !dots {
		t.Errorf("line broken at a skipped zero:\n%s", text)
	}
}

// A NaN left of the window is not marked, but still counted: the count is
// over all the data.
func TestChartNaNOutsideWindow(t *testing.T) {
	th := asciiTheme()
	c := NewChart(th, false)
	c.SetSize(60, 10)
	xs, ys := ramp(100)
	ys[40] = math.NaN()
	c.SetData([]Line{{X: xs, Y: ys, Style: th.Loss}}, nil, 0)
	c.SetMode(false, Window{Span: 50})
	if text := string(join(grid(c))); strings.Contains(text, "×") || !hasBraille(text) {
		t.Errorf("NaN outside the window marked, or nothing drawn:\n%s", text)
	}
	if nan, _, _ := c.NonFinite(); nan != 1 {
		t.Errorf("NaN outside the window counted %d times", nan)
	}
}
