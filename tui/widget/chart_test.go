package widget

import (
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

func asciiTheme() *Theme {
	return NewTheme(fixedRenderer(termenv.Ascii))
}

func decaying(n int) (xs, ys []float64) {
	for i := 1; i <= n; i++ {
		xs = append(xs, float64(i))
		ys = append(ys, 100+400*math.Exp(-float64(i)/50))
	}
	return
}

func TestChartRendersExactBlock(t *testing.T) {
	th := asciiTheme()
	c := NewChart(th, false)
	c.SetSize(50, 10)
	xs, ys := decaying(300)
	c.SetData([]Line{{X: xs, Y: ys, Style: th.Loss}}, []Mark{{X: 150, Label: "β0.5"}}, 0)
	out := c.View()
	if len(out) != 10 {
		t.Fatalf("%d lines", len(out))
	}
	text := strings.Join(out, "\n")
	for i, l := range out {
		if w := ansi.StringWidth(l); w != 50 {
			t.Errorf("line %d is %d wide: %q", i, w, l)
		}
	}
	if !strings.ContainsAny(text, "⠁⠂⠄⡀⠈⠐⠠⢀") && !hasBraille(text) {
		t.Errorf("no braille in\n%s", text)
	}
	if !strings.Contains(text, "β0.5") || !strings.Contains(text, "┊") {
		t.Errorf("no β marker in\n%s", text)
	}
	t.Logf("\n%s", text)
}

func hasBraille(s string) bool {
	for _, r := range s {
		if r > 0x2800 && r <= 0x28FF {
			return true
		}
	}
	return false
}

func TestChartRedrawsOnlyWhenDirty(t *testing.T) {
	th := asciiTheme()
	c := NewChart(th, false)
	c.SetSize(40, 8)
	xs, ys := decaying(50)
	c.SetData([]Line{{X: xs, Y: ys, Style: th.Loss}}, nil, 0)
	a := c.View()
	if c.dirty {
		t.Fatal("still dirty after view")
	}
	b := c.View()
	if &a[0] != &b[0] {
		t.Error("clean chart was redrawn")
	}
	c.SetSize(40, 8)
	if c.dirty {
		t.Error("same size marked dirty")
	}
	c.SetSize(41, 8)
	if !c.dirty {
		t.Error("resize not marked dirty")
	}
}

func TestChartLogAndWindow(t *testing.T) {
	th := asciiTheme()
	c := NewChart(th, false)
	c.SetSize(60, 10)
	xs, ys := decaying(1000)
	c.SetData([]Line{{X: xs, Y: ys, Style: th.Loss}}, nil, 0)
	c.logY = true
	text := strings.Join(c.View(), "\n")
	if !hasBraille(text) {
		t.Fatalf("log chart empty:\n%s", text)
	}
	c.win = Window{}.Zoom(true, 1, 1000)
	c.dirty = true
	text = strings.Join(c.View(), "\n")
	if !strings.Contains(text, "501") || strings.Contains(text, "100.") == false {
		t.Fatalf("window should start at step 501 with fine log labels:\n%s", text)
	}
}

func TestChartSkipsNaNAndHandlesOnePoint(t *testing.T) {
	th := asciiTheme()
	c := NewChart(th, true)
	c.SetSize(30, 6)
	c.SetData([]Line{{X: []float64{1}, Y: []float64{5}, Style: th.Train},
		{X: []float64{1}, Y: []float64{math.NaN()}, Style: th.Test}}, nil, 0)
	if text := strings.Join(c.View(), "\n"); !hasBraille(text) {
		t.Fatalf("single point not drawn:\n%s", text)
	}
	c.SetData([]Line{{X: []float64{1, 2, 3}, Y: []float64{5, 4, 3}, Style: th.Train}}, nil, 0)
	rows := c.View()
	if labels := strings.Fields(ansi.Strip(rows[len(rows)-1])); strings.Join(labels, " ") != "1 2 3" {
		t.Fatalf("epoch labels %q", labels)
	}
	empty := NewChart(th, false)
	empty.SetSize(30, 6)
	if text := strings.Join(empty.View(), "\n"); !strings.Contains(text, "waiting") {
		t.Fatalf("empty chart:\n%s", text)
	}
}
