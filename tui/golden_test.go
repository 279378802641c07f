package tui

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestGolden pins the whole frame at the three sizes (Ascii profile,
// escape sequences stripped so the files read as the screen does).
// Regenerate after a deliberate layout change with
//
//	go test ./tui/ -run TestGolden -update
func TestGolden(t *testing.T) {
	for _, s := range [][2]int{{120, 40}, {80, 24}, {40, 10}} {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			m, _ := newTestModel(t, s[0], s[1])
			golden.RequireEqual(t, []byte(frameText(m)))
		})
	}
}
