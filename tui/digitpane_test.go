package tui

import (
	"github.com/vaetop/vaetop/tui/internal/fixture"

	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

func TestPlanDigits(t *testing.T) {
	for _, c := range []struct {
		w, h      int
		minPairs  int
		minSample int
	}{
		{48, 36, 8, 8}, {80, 56, 8, 8}, {36, 21, 4, 4}, {100, 56, 8, 8},
	} {
		p, ok := planDigits(c.w, c.h, 16, 64)
		if !ok {
			t.Fatalf("%dx%d: no plan", c.w, c.h)
		}
		dr := widget.DigitRows(p.size)
		if rows := 1 + p.pairRows*dr + 1 + p.sampleRows*dr; rows > c.h {
			t.Errorf("%dx%d: %+v needs %d rows", c.w, c.h, p, rows)
		}
		if p.pairCols*(2*p.size+1)-1 > c.w || p.sampleCols*(p.size+1)-1 > c.w {
			t.Errorf("%dx%d: %+v too wide", c.w, c.h, p)
		}
		if p.pairs() < c.minPairs || p.samples() < c.minSample {
			t.Errorf("%dx%d: %+v shows %d pairs, %d samples", c.w, c.h, p, p.pairs(), p.samples())
		}
		t.Logf("%dx%d: size %d, %d pairs, %d samples", c.w, c.h, p.size, p.pairs(), p.samples())
	}
	if _, ok := planDigits(10, 3, 16, 64); ok {
		t.Error("planned digits into 10x3")
	}
}

// bar7 is the shared test "7".
func bar7() []float32 { return fixture.Bar7() }

func testImages(n, version int, withOriginals bool) *live.Images {
	im := &live.Images{Version: version, N: n, W: 28, H: 28, Pixels: make([]float32, n*784)}
	for i := 0; i < n; i++ {
		copy(im.Pixels[i*784:], bar7())
	}
	if withOriginals {
		im.Originals = append([]float32(nil), im.Pixels...)
	}
	return im
}

func TestDigitPaneCachesByVersion(t *testing.T) {
	var d digitPane
	recon, samples := testImages(16, 1, true), testImages(64, 2, false)
	if !d.update(48, 36, halfBlock, termenv.TrueColor, recon, samples) {
		t.Fatal("first update drew nothing")
	}
	if d.update(48, 36, halfBlock, termenv.TrueColor, recon, samples) {
		t.Fatal("redrew unchanged digits")
	}
	for _, l := range append(append([]string{}, d.pairLines...), d.sampleLine...) {
		if w := ansi.StringWidth(l); w != 48 {
			t.Fatalf("line width %d", w)
		}
	}
	first := d.pairLines
	samples2 := testImages(64, 3, false)
	if !d.update(48, 36, halfBlock, termenv.TrueColor, recon, samples2) {
		t.Fatal("new samples not drawn")
	}
	if &first[0] != &d.pairLines[0] {
		t.Error("new samples redrew the reconstructions")
	}
	if !d.update(48, 36, asciiRamp, termenv.TrueColor, recon, samples2) || strings.Contains(d.pairLines[2], "▀") {
		t.Error("ascii style not applied")
	}
}
