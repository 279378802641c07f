package tui

import (
	"fmt"
	"strings"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// The compare screen's digits pane: its plan, its drawing and its cache.

// compareDigits caches the digits pane of the compare screen: a row of
// test images, then each run's reconstructions of them (and its samples
// when there is room), or only the focused run's on a small screen.
type compareDigits struct {
	key   string
	lines []string
}

// update redraws when the size, style, focus or any run's images changed.
func (d *compareDigits) update(m *compareScreen, w, h int) bool {
	var kb strings.Builder
	fmt.Fprint(&kb, w, h, m.digitStyle, m.theme.Profile(), m.focused, m.sampleLabel)
	for _, rs := range m.runs {
		rv, sv := 0, 0
		if r := rs.snap.Recon; r != nil {
			rv = r.Version
		}
		if s := rs.snap.Samples; s != nil {
			sv = s.Version
		}
		fmt.Fprint(&kb, ",", rv, ".", sv)
	}
	if k := kb.String(); k != d.key || d.lines == nil {
		d.key = k
		d.lines = m.drawCompareDigits(w, h)
		return true
	}
	return false
}

// cmpDigitPlan is what the compare digits pane shows.
type cmpDigitPlan struct {
	runs    []int // the runs shown
	samples bool  // each run's samples under its reconstructions
	size    int
	cols    int
}

// planCompareDigits picks the largest digits that show every run (with
// samples, else without), then only the focused run.
func planCompareDigits(w, h, nRuns, focused, n int) (cmpDigitPlan, bool) {
	all := make([]int, nRuns)
	for i := range all {
		all[i] = i
	}
	type try struct {
		runs    []int
		samples bool
		wants   []int
	}
	for _, t := range []try{
		{all, true, []int{8, 4}}, {all, false, []int{8, 4}},
		{[]int{focused}, true, []int{8, 4, 2, 1}}, {[]int{focused}, false, []int{8, 4, 2, 1}},
	} {
		for _, want := range t.wants {
			for _, s := range digitSizes {
				cols := min((w+1)/(s+1), max(n, 1))
				if cols < min(want, max(n, 1)) {
					continue
				}
				per := 1 + widget.DigitRows(s) // title and reconstructions
				if t.samples {
					per += widget.DigitRows(s)
				}
				if 1+widget.DigitRows(s)+len(t.runs)*per <= h {
					return cmpDigitPlan{runs: t.runs, samples: t.samples, size: s, cols: cols}, true
				}
			}
		}
	}
	return cmpDigitPlan{}, false
}

// sameOriginals reports whether a and b show the same first n test images.
func sameOriginals(a, b *live.Images, n int) bool {
	if a == b {
		return true
	}
	n = min(n, a.N, b.N)
	if a.W != b.W || a.H != b.H || len(a.Originals) < n*a.W*a.H || len(b.Originals) < n*b.W*b.H {
		return false
	}
	for i := 0; i < n; i++ {
		x, y := a.Original(i), b.Original(i)
		if len(x) != len(y) {
			return false
		}
		for j := range x {
			if x[j] != y[j] {
				return false
			}
		}
	}
	return true
}

func (m *compareScreen) drawCompareDigits(w, h int) []string {
	th := m.theme
	ref := m.cur.snap.Recon
	for _, rs := range m.runs {
		if ref != nil {
			break
		}
		ref = rs.snap.Recon
	}
	if ref == nil || ref.N == 0 {
		return []string{m.title(digitsPane, "digits", "", w), th.Dim.Render("  waiting for images…")}
	}
	p, ok := planCompareDigits(w, h, len(m.runs), m.focused, ref.N)
	if !ok {
		return []string{th.Dim.Render(" no room for digits")}
	}
	dr := widget.DigitRows(p.size)
	row := func(im *live.Images, original bool) []string {
		if im == nil {
			return widget.FitLines([]string{th.Dim.Render("  waiting for images…")}, w, dr)
		}
		var cells [][]string
		for i := 0; i < min(p.cols, im.N); i++ {
			px := im.Image(i)
			if original {
				if len(im.Originals) < (i+1)*im.W*im.H {
					break
				}
				px = im.Original(i)
			}
			cells = append(cells, widget.RenderDigit(px, im.W, im.H, p.size, m.digitStyle, th.Profile()))
		}
		return joinDigits(cells, dr, p.size, w, false)
	}
	what := "r: new, the same for all"
	if len(p.runs) == 1 {
		what = "focused run only · " + what
	}
	out := []string{widget.Fit(th.Title.Render(" test images ")+" "+th.Dim.Render(what), w)}
	out = append(out, row(ref, true)...)
	for _, i := range p.runs {
		rs := m.runs[i]
		extra := ""
		if rs.snap.Recon != nil && !sameOriginals(rs.snap.Recon, ref, p.cols) {
			extra = th.Warn.Render("other test images")
		}
		mark := " "
		if i == m.focused {
			mark = "▸"
		}
		out = append(out, widget.Fit(mark+m.runStyles[i].Bold(true).Render(m.runName(i))+" "+extra, w))
		out = append(out, row(rs.snap.Recon, false)...)
		if p.samples {
			out = append(out, row(rs.snap.Samples, false)...)
		}
	}
	return out
}
