package widget

import (
	"strings"
	"testing"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// TestRenderCanvasMergesRuns: a run of same-coloured cells costs one
// escape sequence, not one per cell as ntcharts' own View does.
func TestRenderCanvasMergesRuns(t *testing.T) {
	th := NewTheme(fixedRenderer(termenv.TrueColor))
	c := canvas.New(10, 2)
	for x := 0; x < 6; x++ {
		c.SetCell(canvas.Point{X: x, Y: 0}, canvas.NewCellWithStyle('⣿', th.Loss))
	}
	c.SetCell(canvas.Point{X: 7, Y: 0}, canvas.NewCellWithStyle('x', th.KL))
	lines := renderCanvas(&c)
	if len(lines) != 2 {
		t.Fatal(len(lines))
	}
	if n := strings.Count(lines[0], "\x1b[38;2;"); n != 2 {
		t.Errorf("%d colour sequences in %q", n, lines[0])
	}
	if got := ansi.Strip(lines[0]); got != "⣿⣿⣿⣿⣿⣿ x  " {
		t.Errorf("text %q", got)
	}
	if lines[1] != strings.Repeat(" ", 10) {
		t.Errorf("blank line %q", lines[1])
	}
}
