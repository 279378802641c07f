package tui

import (
	"strings"

	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// The digit styles the model switches between.
const (
	halfBlock = widget.HalfBlock
	asciiRamp = widget.ASCIIRamp
)

// digitSizes are the pixel sizes a digit may be drawn at, largest first.
var digitSizes = []int{28, 24, 20, 16, 14, 12, 10, 8, 7}

// digitPlan is how the digits pane fills its area: a title row, rows of
// test-image/reconstruction pairs (side by side), a title row and rows of
// prior samples.
type digitPlan struct {
	size                   int // pixels per side
	pairCols, pairRows     int
	sampleCols, sampleRows int
}

func (p digitPlan) pairs() int   { return p.pairCols * p.pairRows }
func (p digitPlan) samples() int { return p.sampleCols * p.sampleRows }

// planDigits picks the largest digit size that shows 8 pairs and 8 samples
// in w×h cells (fewer of each on a small screen), then gives the rows left
// over to more samples.
func planDigits(w, h, pairs, samples int) (digitPlan, bool) {
	if pairs == 0 && samples == 0 {
		return digitPlan{}, false
	}
	for _, want := range []int{8, 4, 2, 1} {
		wantP, wantS := min(want, pairs), min(want, samples)
		for _, s := range digitSizes {
			p := digitPlan{size: s, pairCols: (w + 1) / (2*s + 1), sampleCols: (w + 1) / (s + 1)}
			if wantP > 0 && p.pairCols == 0 || wantS > 0 && p.sampleCols == 0 {
				continue
			}
			dr := widget.DigitRows(s)
			if wantP > 0 {
				p.pairRows = (wantP + p.pairCols - 1) / p.pairCols
			}
			if wantS > 0 {
				p.sampleRows = (wantS + p.sampleCols - 1) / p.sampleCols
			}
			used := 2 + (p.pairRows+p.sampleRows)*dr // two title rows
			if used > h {
				continue
			}
			if wantS > 0 {
				p.sampleRows = min(p.sampleRows+(h-used)/dr, (samples+p.sampleCols-1)/p.sampleCols)
			}
			p.pairCols = min(p.pairCols, max(pairs, 1))
			return p, true
		}
	}
	return digitPlan{}, false
}

// digitPane caches the drawn digits; it redraws only when the trainer sends
// new images (Version), the pane's size or the drawing style changes.
type digitPane struct {
	w, h       int
	style      widget.DigitStyle
	profile    termenv.Profile
	reconVer   int
	sampleVer  int
	nPairs     int // images the plan was made for
	nSamples   int
	plan       digitPlan
	ok         bool
	pairLines  []string // exactly w wide
	sampleLine []string // exactly w wide
}

// update redraws what changed and reports whether anything did.
func (d *digitPane) update(w, h int, style widget.DigitStyle, profile termenv.Profile, recon, samples *live.Images) bool {
	rv, sv, np, ns := 0, 0, 0, 0
	if recon != nil {
		rv, np = recon.Version, recon.N
	}
	if samples != nil {
		sv, ns = samples.Version, samples.N
	}
	resized := w != d.w || h != d.h || style != d.style || profile != d.profile
	if !resized && rv == d.reconVer && sv == d.sampleVer {
		return false
	}
	if resized || np != d.nPairs || ns != d.nSamples {
		d.plan, d.ok = planDigits(w, h, np, ns)
		d.nPairs, d.nSamples = np, ns
		resized = true
	}
	d.w, d.h, d.style, d.profile = w, h, style, profile
	if resized || rv != d.reconVer {
		d.pairLines = d.drawPairs(recon)
		d.reconVer = rv
	}
	if resized || sv != d.sampleVer {
		d.sampleLine = d.drawSamples(samples)
		d.sampleVer = sv
	}
	return true
}

func (d *digitPane) draw(im *live.Images, i int, original bool) []string {
	px := im.Image(i)
	if original {
		px = im.Original(i)
	}
	return widget.RenderDigit(px, im.W, im.H, d.plan.size, d.style, d.profile)
}

// drawPairs lays out test images with their reconstructions right beside
// them, pairs separated by one blank column.
func (d *digitPane) drawPairs(im *live.Images) []string {
	p := d.plan
	if !d.ok || im == nil || p.pairRows == 0 {
		return nil
	}
	dr := widget.DigitRows(p.size)
	var out []string
	for row := 0; row < p.pairRows; row++ {
		var cells [][]string
		for c := 0; c < p.pairCols; c++ {
			i := row*p.pairCols + c
			if i >= im.N {
				break
			}
			cells = append(cells, d.draw(im, i, true), d.draw(im, i, false))
		}
		out = append(out, joinDigits(cells, dr, p.size, d.w, true)...)
	}
	return out
}

func (d *digitPane) drawSamples(im *live.Images) []string {
	p := d.plan
	if !d.ok || im == nil || p.sampleRows == 0 {
		return nil
	}
	dr := widget.DigitRows(p.size)
	var out []string
	for row := 0; row < p.sampleRows; row++ {
		var cells [][]string
		for c := 0; c < p.sampleCols; c++ {
			i := row*p.sampleCols + c
			if i >= im.N {
				break
			}
			cells = append(cells, d.draw(im, i, false))
		}
		out = append(out, joinDigits(cells, dr, p.size, d.w, false)...)
	}
	return out
}

// joinDigits puts digit blocks side by side into lines exactly w cells
// wide; with pairs, a gap follows every second block, otherwise every one.
// Widths are known, so nothing is measured.
func joinDigits(cells [][]string, rows, size, w int, pairs bool) []string {
	out := make([]string, rows)
	var b strings.Builder
	for r := 0; r < rows; r++ {
		b.Reset()
		used := 0
		for i, c := range cells {
			if i > 0 && (!pairs || i%2 == 0) {
				b.WriteByte(' ')
				used++
			}
			b.WriteString(c[r])
			used += size
		}
		if used < w {
			b.WriteString(strings.Repeat(" ", w-used))
		}
		out[r] = b.String()
	}
	return out
}
