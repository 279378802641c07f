package widget

import (
	"testing"

	"github.com/NimbleMarkets/ntcharts/canvas/runes"
)

func TestDrawDotsIsContinuousAndClipped(t *testing.T) {
	g := runes.NewPatternDotsGrid(8, 8)
	drawDots(g, -3, 10, 7, 0) // starts and ends partly off the grid
	p := g.BraillePatterns()
	set := 0
	for _, row := range p {
		for _, r := range row {
			if r != runes.BrailleBlockOffset {
				set++
			}
		}
	}
	if set == 0 {
		t.Fatal("nothing drawn")
	}
	// A horizontal line lights every column of its row.
	h := runes.NewPatternDotsGrid(6, 4)
	drawDots(h, 0, 0, 5, 0)
	for _, r := range h.BraillePatterns()[0] {
		if r == runes.BrailleBlockOffset {
			t.Fatalf("gap in %q", string(h.BraillePatterns()[0]))
		}
	}
}
