package widget

import (
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/charmbracelet/lipgloss"
)

// renderCanvas turns an ntcharts canvas into lines. ntcharts' own View
// renders every cell through lipgloss; here runs of cells with the same
// colour are rendered at once, which is many times cheaper.
func renderCanvas(c *canvas.Model) []string {
	w, h := c.Width(), c.Height()
	out := make([]string, h)
	var sb, run strings.Builder
	for y := 0; y < h; y++ {
		sb.Reset()
		var cur lipgloss.TerminalColor = lipgloss.NoColor{}
		var curStyle lipgloss.Style
		flush := func() {
			if run.Len() == 0 {
				return
			}
			if _, plain := cur.(lipgloss.NoColor); plain {
				sb.WriteString(run.String())
			} else {
				sb.WriteString(curStyle.Render(run.String()))
			}
			run.Reset()
		}
		for x := 0; x < w; x++ {
			cell := c.Cell(canvas.Point{X: x, Y: y})
			r := cell.Rune
			if r == 0 || r == ' ' {
				run.WriteByte(' ') // a blank looks the same in any colour
				continue
			}
			if fg := cell.Style.GetForeground(); fg != cur {
				flush()
				cur, curStyle = fg, cell.Style
			}
			run.WriteRune(r)
		}
		flush()
		out[y] = sb.String()
	}
	return out
}
