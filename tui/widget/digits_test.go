package widget

import (
	"github.com/vaetop/vaetop/tui/internal/fixture"

	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// bar7 is the shared test "7".
func bar7() []float32 { return fixture.Bar7() }

func TestResampleKeepsMean(t *testing.T) {
	img := bar7()
	var a, b float64
	for _, v := range img {
		a += float64(v)
	}
	small := resample(img, 28, 28, 14)
	for _, v := range small {
		b += float64(v)
	}
	if d := a/784 - b/196; d > 1e-5 || d < -1e-5 {
		t.Fatalf("mean changed: %v vs %v", a/784, b/196)
	}
	odd := resample(img, 28, 28, 10)
	if len(odd) != 100 {
		t.Fatal(len(odd))
	}
}

func TestRenderDigitASCII(t *testing.T) {
	lines := RenderDigit(bar7(), 28, 28, 28, ASCIIRamp, termenv.TrueColor)
	if len(lines) != 14 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, l := range lines {
		if len(l) != 28 {
			t.Fatalf("line %q is %d wide", l, len(l))
		}
	}
	if !strings.Contains(lines[3], "@@@@@@@@@@@@@@@@") && !strings.Contains(lines[2], "@@@@@@@@@@@@@@@@") {
		t.Errorf("top bar missing:\n%s", strings.Join(lines, "\n"))
	}
}

func TestRenderDigitHalfBlockProfiles(t *testing.T) {
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI} {
		lines := RenderDigit(bar7(), 28, 28, 14, HalfBlock, p)
		if len(lines) != 7 {
			t.Fatalf("%v: %d lines", p, len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w != 14 {
				t.Fatalf("%v: width %d", p, w)
			}
			if !strings.HasSuffix(l, "\x1b[0m") {
				t.Fatalf("%v: line not reset: %q", p, l)
			}
		}
		if ansi.Strip(lines[0]) != strings.Repeat("▀", 14) {
			t.Fatalf("%v: %q", p, ansi.Strip(lines[0]))
		}
	}
	// The Ascii profile cannot show grey levels, so it falls back to the ramp.
	if l := RenderDigit(bar7(), 28, 28, 14, HalfBlock, termenv.Ascii); strings.Contains(l[0], "▀") {
		t.Fatal("half blocks without colour")
	}
}

func TestSGR(t *testing.T) {
	if got := sgr(23, false, termenv.TrueColor); got != "\x1b[38;2;255;255;255m" {
		t.Errorf("%q", got)
	}
	if got := sgr(0, true, termenv.ANSI256); got != "\x1b[48;5;16m" {
		t.Errorf("%q", got)
	}
	if got := sgr(23, true, termenv.ANSI); got != "\x1b[107m" {
		t.Errorf("%q", got)
	}
}
