package widget

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Four epochs on a wide chart: each whole-number label sits at its own
// column, evenly spaced, and none is a rounded fraction.
func TestWholeStepLabels(t *testing.T) {
	c := NewChart(asciiTheme(), false).WholeStepLabels()
	c.SetSize(61, 10)
	c.SetData([]Line{{X: []float64{1, 2, 3, 4}, Y: []float64{0, 10, 10, 0}}}, nil, 0)
	rows := c.View()
	labels := ansi.Strip(rows[len(rows)-1])
	var at []int
	for _, d := range []string{"1", "2", "3", "4"} {
		if strings.Count(labels, d) != 1 {
			t.Fatalf("label %s appears %d times in %q", d, strings.Count(labels, d), labels)
		}
		at = append(at, strings.Index(labels, d))
	}
	for i := 2; i < len(at); i++ {
		if d1, d2 := at[i]-at[i-1], at[1]-at[0]; d1-d2 > 1 || d2-d1 > 1 {
			t.Errorf("uneven labels at %v in %q", at, labels)
		}
	}
}

// A series flat up to rounding (a smoothed constant learning rate) is a
// flat line, not its rounding stretched to the chart's height, with labels
// that show its value.
func TestFlatSeriesIsFlat(t *testing.T) {
	c := NewChart(asciiTheme(), false)
	c.SetSize(40, 12)
	y := []float64{5e-5, 5e-5 * (1 + 1e-15), 5e-5, 5e-5 * (1 - 1e-15), 5e-5}
	c.SetData([]Line{{X: []float64{10, 20, 30, 40, 50}, Y: y}}, nil, 0)
	rows := 0
	for _, r := range c.View() {
		if strings.ContainsFunc(ansi.Strip(r), func(r rune) bool { return r > 0x2800 && r <= 0x28FF }) {
			rows++
		}
	}
	if rows != 1 {
		t.Errorf("a flat series spans %d rows:\n%s", rows, strings.Join(c.View(), "\n"))
	}
	if view := strings.Join(c.View(), "\n"); !strings.Contains(view, "5e-5") {
		t.Errorf("no label shows the value:\n%s", view)
	}
}
