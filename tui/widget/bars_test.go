package widget

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/vaetop/vaetop/live"
)

func TestBarsScaleAndClipMark(t *testing.T) {
	th := asciiTheme()
	norms := []live.LayerNorm{{Name: "enc1", Norm: 4}, {Name: "mu|logvar", Norm: 2}, {Name: "out", Norm: 0.5}}
	lines := RenderBars(th, norms, 1, false, 50, 4)
	if len(lines) != 4 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w != 50 {
			t.Errorf("width %d: %q", w, l)
		}
	}
	plain := ansi.Strip(strings.Join(lines, "\n"))
	if !strings.Contains(plain, "enc1") || !strings.Contains(plain, "4.000") {
		t.Errorf("missing labels:\n%s", plain)
	}
	full := strings.Count(ansi.Strip(lines[0]), "█")
	half := strings.Count(ansi.Strip(lines[1]), "█")
	if full < 2*half-2 || full > 2*half+2 {
		t.Errorf("bars not proportional: %d vs %d\n%s", full, half, plain)
	}
	if !strings.Contains(lines[2], "│") {
		t.Errorf("clip threshold not marked on the short bar:\n%s", plain)
	}
	if strings.Contains(ansi.Strip(strings.Join(RenderBars(th, norms, 0, true, 50, 4), "")), "│") {
		t.Error("clip marked with clipping off")
	}
}

func TestBarsOverflow(t *testing.T) {
	th := asciiTheme()
	var norms []live.LayerNorm
	for i := 0; i < 10; i++ {
		norms = append(norms, live.LayerNorm{Name: "layer", Norm: float64(i + 1)})
	}
	lines := RenderBars(th, norms, 0, false, 40, 4)
	if len(lines) != 4 || !strings.Contains(lines[3], "more layers") {
		t.Fatalf("overflow not reported:\n%s", strings.Join(lines, "\n"))
	}
	two := RenderBars(th, norms, 0, false, 80, 5)
	if strings.Contains(strings.Join(two, ""), "more layers") {
		t.Fatalf("two columns should fit 10 layers in 5 rows:\n%s", strings.Join(two, "\n"))
	}
}
