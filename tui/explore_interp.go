package tui

import (
	"fmt"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/tui/widget"
)

// The interpolation pane: the path in latent space between two test
// images' means, decoded, between the images themselves.

// interpPlan is the interpolation strip: n steps at s pixels between the
// ends' originals. capped says that fewer steps fit than were asked for.
type interpPlan struct {
	s, n   int
	ok     bool
	capped bool
}

// The path's length, ends included, that the [ and ] keys choose from.
const (
	minInterpSteps = 3
	maxInterpSteps = 16
)

// planInterp fits the strip into w×h. With want 0 it shows as many steps
// as fit (at least 7, else 5) at the largest digit size; with want set, it
// shows that many at the largest size they fit at, or as many as fit at
// the smallest.
func planInterp(w, h, want int) interpPlan {
	fits := func(s int) int {
		if 2+widget.DigitRows(s)+2 > h {
			return 0
		}
		return min(maxInterpSteps, (w-2*s-3)/(s+1))
	}
	if want > 0 {
		most := 0
		for _, s := range digitSizes {
			if n := fits(s); n >= want {
				return interpPlan{s: s, n: want, ok: true}
			} else if n > most {
				most = n
			}
		}
		if most >= minInterpSteps {
			s := digitSizes[len(digitSizes)-1]
			return interpPlan{s: s, n: fits(s), ok: true, capped: true}
		}
		return interpPlan{}
	}
	for _, nmin := range []int{7, 5} {
		for _, s := range digitSizes {
			if n := fits(s); n >= nmin {
				return interpPlan{s: s, n: n, ok: true}
			}
		}
	}
	return interpPlan{}
}

func (x *explorerScreen) exInterpPlan() interpPlan {
	b := x.ex.blockBox[interpPane]
	return planInterp(b.w, b.h-1, x.ex.steps)
}

// interpView is the interpolation pane: the ends, the path's decodes
// between the ends' originals, their labels and norms, and notes on the
// path's kind and the labels of its decodes.
func (pt exPainter) interpView(w, h int) (string, []string) {
	e := pt.e
	plan := planInterp(w, h, e.steps)
	title := pt.title(interpPane, pt.interpTitle(plan), w)
	if !plan.ok {
		return title, widget.FitLines([]string{pt.th.Dim.Render(fmt.Sprintf("  too narrow for a path of %d steps", max(e.steps, 5)))}, w, h)
	}
	sl := &e.slots[interpPane]
	have := sl.got != nil && sl.got.n == plan.n
	lines := []string{pt.interpEnds(w), ""}
	lines = append(lines, pt.interpPath(plan, have, w)...)
	lines = append(lines, pt.interpLabels(plan, have, w)...)
	lines = append(lines, pt.interpNotes(h-len(lines))...)
	return title, widget.FitLines(lines, w, h)
}

// interpTitle is the title's text: the ends, the path's kind and length,
// and the labels of a conditional model's decodes.
func (pt exPainter) interpTitle(plan interpPlan) string {
	e, th := pt.e, pt.th
	mode := "linear"
	if e.spherical {
		mode = "spherical"
	}
	a, b := e.ends[0], e.ends[1]
	extra := th.Dim.Render(fmt.Sprintf("A #%d (%d) → B #%d (%d) · ", a, e.label(a), b, e.label(b))) + th.Value.Render(mode)
	if plan.ok {
		steps := fmt.Sprintf(" · %d steps", plan.n)
		if plan.capped {
			steps += fmt.Sprintf(" (of %d: no room)", e.steps)
		}
		extra += th.Dim.Render(steps)
	}
	if pt.conditional {
		extra += th.Dim.Render(" · " + e.classText(interpPane))
	}
	return extra
}

// interpEnds is the line naming the ends, the one the keys move marked.
func (pt exPainter) interpEnds(w int) string {
	e, th := pt.e, pt.th
	endText := func(i int) string {
		s := fmt.Sprintf("%c: test #%d, digit %d", 'A'+i, e.ends[i], e.label(e.ends[i]))
		if i == e.end {
			return th.TitleFocused.Render("▸" + s + " ")
		}
		return th.Label.Render(" " + s + " ")
	}
	return widget.Fit(" "+endText(0)+th.Dim.Render("  ──  ")+endText(1)+th.Dim.Render("   ↑/↓ picks the end ←/→ and c move"), w)
}

// interpPath is the path's decodes (have: they came; else blanks) between
// the ends' originals: a digit's rows of w cells.
func (pt exPainter) interpPath(plan interpPlan, have bool, w int) []string {
	e := pt.e
	s, sr := plan.s, widget.DigitRows(plan.s)
	path := make([][]string, plan.n)
	for k := range path {
		if have {
			path[k] = pt.digit(interpPane, k, s)
		} else {
			path[k] = widget.BlankLines(s, sr)
		}
	}
	oa, ob := pt.original(e.ends[0], s), pt.original(e.ends[1], s)
	pathW := plan.n*(s+1) - 1
	joined := joinDigits(path, sr, s, pathW, false)
	lines := make([]string, 0, sr)
	for r := 0; r < sr; r++ {
		lines = append(lines, widget.Fit(oa[r]+"  "+joined[r]+"  "+ob[r], w))
	}
	return lines
}

// interpLabels are the two lines under the originals and the path: their
// names (the end the keys move marked), then each point's norm once the
// decodes came (have).
func (pt exPainter) interpLabels(plan interpPlan, have bool, w int) []string {
	e, th := pt.e, pt.th
	labels := make([]string, plan.n+2)
	norms := make([]string, plan.n+2)
	labels[0], labels[plan.n+1] = "orig A", "orig B"
	if e.end == 0 {
		labels[0] = th.TitleFocused.Render("▲orig A")
	} else {
		labels[plan.n+1] = th.TitleFocused.Render("▲orig B")
	}
	labels[1], labels[plan.n] = "A", "B"
	norms[0] = th.Label.Render("‖z‖")
	if have {
		dim, z := e.lat.Dim, e.slots[interpPane].got.z
		for k := 0; k < plan.n; k++ {
			norms[k+1] = fmt.Sprintf("%.1f", latent.Norm(z[k*dim:(k+1)*dim]))
		}
	}
	return []string{exLabelLine(labels, plan.s, w), exLabelLine(norms, plan.s, w)}
}

// interpNotes say what the path's kind is and, for a conditional model,
// which labels its decodes use: as many as fit in room lines.
func (pt exPainter) interpNotes(room int) []string {
	e, th := pt.e, pt.th
	var notes []string
	if room >= 2 {
		desc := "linear: the straight line between the means"
		if e.spherical {
			desc = "spherical: along the great circle, the norm moving linearly between the ends'"
		}
		notes = append(notes, "", th.Dim.Render(" "+desc+" · m toggles"))
	}
	if pt.conditional && room-len(notes) >= 1 {
		la, lb := e.label(e.ends[0]), e.label(e.ends[1])
		cls := fmt.Sprintf(" own labels: A's %d on the first half, B's %d on the second", la, lb)
		if e.fixedClass {
			cls = fmt.Sprintf(" class %d for all (%d again: own labels)", e.class, e.class)
		}
		notes = append(notes, th.Dim.Render(cls))
	}
	return notes
}

// exLabelLine lays labels under [orig A] [path…] [orig B]: the originals
// are two columns from the path.
func exLabelLine(labels []string, s, w int) string {
	n := len(labels)
	first := labelRow(labels[:1], s, 0, s)
	mid := labelRow(labels[1:n-1], s, 0, (n-2)*(s+1)-1)
	last := labelRow(labels[n-1:], s, 0, s)
	return widget.Fit(first+"  "+mid+"  "+last, w)
}
