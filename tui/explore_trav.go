package tui

import (
	"fmt"
	"math"
	"strings"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// The traversal pane: one latent unit moved through its values with the
// others held, from a test image's mean or from z = 0.

// Traversal values: a dimension's absolute value moves in steps of
// travStep within ±travMax.
const (
	travStep = 0.25
	travMax  = 3.0
)

// stripValues are n evenly spaced values from -travMax to travMax.
func stripValues(n int) []float64 {
	out := make([]float64, n)
	for k := range out {
		out[k] = -travMax + 2*travMax*float64(k)/float64(max(n-1, 1))
	}
	return out
}

// snapValue moves v one step of travStep in direction dir, onto the grid
// of steps, within ±travMax.
func snapValue(v float64, dir int) float64 {
	k := v / travStep
	if dir > 0 {
		k = math.Floor(k+1e-9) + 1
	} else {
		k = math.Ceil(k-1e-9) - 1
	}
	return math.Max(-travMax, math.Min(travMax, k*travStep))
}

// travPlan is how the traversal pane fills its area: the list of
// dimensions, the large digit, and a strip of n decodes at strip pixels
// below it (and as many class samples under that, conditional models).
type travPlan struct {
	list, big, strip, n, samples int
	ok                           bool
}

const travListW = 13

func planTrav(w, h int, conditional bool) travPlan {
	p := travPlan{list: travListW + 1}
	r := w - p.list
	for _, nmin := range []int{7, 5} {
		for _, big := range digitSizes {
			if r-big-1 < 18 {
				continue
			}
			for _, st := range digitSizes {
				if st >= big {
					continue
				}
				n := min(13, (r+1)/(st+1))
				if n%2 == 0 {
					n-- // odd, so that 0 is among the values
				}
				rows := widget.DigitRows(big) + 1 + widget.DigitRows(st) + 1
				if n < nmin || rows > h {
					continue
				}
				p.big, p.strip, p.n, p.ok = big, st, n, true
				if conditional && h-rows >= 1+widget.DigitRows(st) {
					p.samples = n
				}
				return p
			}
		}
	}
	return p
}

func (x *explorerScreen) exTravPlan() travPlan {
	b := x.ex.blockBox[travPane]
	return planTrav(b.w, b.h-1, x.rs.run.Info.Conditional)
}

// travFrom says where the traversal starts.
func (e *explorer) travFrom() string {
	if e.fromZero {
		return "from z = 0"
	}
	return fmt.Sprintf("from test #%d (digit %d)", e.digit, e.label(e.digit))
}

// travView is the traversal pane: the list of dimensions, and right of it
// the large digit at the current point beside what it shows, then the
// strip along the dimension (and a conditional model's class samples).
func (pt exPainter) travView(w, h int) (string, []string) {
	from := pt.e.travFrom()
	title := pt.title(travPane, pt.travTitle(from), w)
	plan := planTrav(w, h, pt.conditional)
	if !plan.ok {
		return title, widget.FitLines([]string{pt.th.Dim.Render("  too small for a traversal")}, w, h)
	}
	list := pt.travList(h)
	r := w - plan.list
	right := append(pt.travPoint(plan, r, from), pt.travStrip(plan, r)...)
	blank := strings.Repeat(" ", r)
	out := make([]string, h)
	for i := range out {
		rr := blank
		if i < len(right) {
			rr = right[i]
		}
		out[i] = list[i] + " " + rr
	}
	return title, out
}

// travTitle is the title's text: the dimension's value and where the
// traversal starts, with the class of a conditional model's decodes.
func (pt exPainter) travTitle(from string) string {
	e, th := pt.e, pt.th
	titleFrom := from
	switch {
	case !pt.conditional:
	case !e.fixedClass && !e.fromZero: // "(digit 7, own label)" fits the 120x40 grid
		titleFrom = strings.TrimSuffix(from, ")") + ", own label)"
	default:
		titleFrom += " · " + e.classText(travPane)
	}
	return th.Value.Render(fmt.Sprintf("z%d = %+.2f", e.dim+1, e.value)) + th.Dim.Render(" · "+titleFrom)
}

// travList is the list of dimensions, h lines of travListW cells: a
// header, then each dimension's test KL and whether it is active (●),
// scrolled to keep the chosen one in sight.
func (pt exPainter) travList(h int) []string {
	e, th, l := pt.e, pt.th, pt.e.lat
	list := make([]string, h)
	list[0] = widget.Fit(th.Label.Render(fmt.Sprintf(" %-3s %6s %s", "z", "KL", "●")), travListW) // ● active
	rows := h - 1
	start := clamp(e.dim-rows/2, 0, max(0, l.Dim-rows))
	for i := 0; i < rows; i++ {
		d := start + i
		if d >= l.Dim {
			list[i+1] = strings.Repeat(" ", travListW)
			continue
		}
		kl, act := "", th.Dim.Render("·")
		if d < len(l.KL) {
			kl = fmt.Sprintf("%.3f", l.KL[d])
			if l.KL[d] >= 100 {
				kl = fmt.Sprintf("%.0f", l.KL[d])
			}
		}
		active := d < len(l.Var) && l.Var[d] >= live.ActiveVariance
		if active {
			act = th.Running.Render("●")
		}
		txt := fmt.Sprintf("z%-2d %6s ", d+1, kl)
		switch {
		case d == e.dim:
			list[i+1] = widget.Fit(th.TitleFocused.Render("▸"+txt)+act, travListW)
		case active:
			list[i+1] = widget.Fit(" "+th.Value.Render(txt)+act, travListW)
		default:
			list[i+1] = widget.Fit(" "+th.Dim.Render(txt)+act, travListW)
		}
	}
	return list
}

// travPoint is the top of the right column, r cells wide: the large digit
// at the current point (blank until its decode comes) and beside it what
// it shows (travInfo).
func (pt exPainter) travPoint(plan travPlan, r int, from string) []string {
	bigRows := widget.DigitRows(plan.big)
	var big []string
	if pt.e.slots[travPane].got != nil {
		big = pt.digit(travPane, 0, plan.big)
	} else {
		big = widget.BlankLines(plan.big, bigRows)
	}
	texts := pt.travInfo(from)
	info := r - plan.big - 1
	var right []string
	for i := 0; i < bigRows; i++ {
		t := ""
		if i < len(texts) {
			t = texts[i]
		}
		right = append(right, big[i]+" "+widget.Fit(t, info))
	}
	return right
}

// travInfo is what the large digit shows: the point, what the other units
// are held at, the unit's test KL and variance and whether it is active,
// the class of a conditional model's decodes, and whether the decode is
// still on its way.
func (pt exPainter) travInfo(from string) []string {
	e, th, l := pt.e, pt.th, pt.e.lat
	kl, v := 0.0, 0.0
	if e.dim < len(l.KL) {
		kl = l.KL[e.dim]
	}
	if e.dim < len(l.Var) {
		v = l.Var[e.dim]
	}
	state := th.Running.Render("active")
	if v < live.ActiveVariance {
		state = th.Warn.Render("inactive: on the prior")
	}
	texts := []string{
		th.Value.Render(fmt.Sprintf("z%d = %+.2f", e.dim+1, e.value)),
		th.Dim.Render(fmt.Sprintf("others held at %s", strings.TrimPrefix(from, "from "))),
		"",
		th.Label.Render("test KL ") + widget.FmtNum(kl) + th.Label.Render("  var ") + widget.FmtNum(v),
		state,
	}
	if pt.conditional {
		cls := th.Label.Render("class ") + th.Value.Render(fmt.Sprint(e.travClass()))
		switch {
		case e.fixedClass:
		case e.fromZero:
			cls += th.Dim.Render(fmt.Sprintf(" (test #%d's)", e.digit))
		default:
			cls += th.Dim.Render(" (own label)")
		}
		texts = append(texts, "", cls)
	}
	if e.slots[travPane].got == nil {
		texts = append(texts, "", th.Dim.Render("decoding…"))
	}
	return texts
}

// travStrip is the rest of the right column, r cells wide: the decodes
// along the dimension at plan.n values, under a caption and over their
// values (the one nearest the current value marked), then a conditional
// model's class samples.
func (pt exPainter) travStrip(plan travPlan, r int) []string {
	e, th := pt.e, pt.th
	sl := &e.slots[travPane]
	out := []string{widget.Fit(th.Label.Render(fmt.Sprintf("along z%d, others held:", e.dim+1)), r)}
	values := stripValues(plan.n)
	nearest := 0
	for k, v := range values {
		if math.Abs(v-e.value) < math.Abs(values[nearest]-e.value) {
			nearest = k
		}
	}
	if sl.got != nil && len(sl.got.values) == plan.n {
		out = append(out, pt.digitRow(travPane, 1, plan.n, plan.strip, r)...)
	} else {
		out = append(out, widget.BlankLines(r, widget.DigitRows(plan.strip))...)
	}
	labels := make([]string, plan.n)
	for k, v := range values {
		labels[k] = fmt.Sprintf("%+g", v)
		if k == nearest {
			labels[k] = th.TitleFocused.Render("▲" + labels[k])
		}
	}
	out = append(out, labelRow(labels, plan.strip, 0, r))
	if plan.samples > 0 {
		out = append(out, pt.travSamples(plan, r)...)
	}
	return out
}

// travSamples are a conditional model's samples from the prior of the
// traversal's class, under a caption.
func (pt exPainter) travSamples(plan travPlan, r int) []string {
	e := pt.e
	sl := &e.slots[travPane]
	out := []string{widget.Fit(pt.th.Label.Render(fmt.Sprintf("samples of digit %d from the prior:", e.travClass())), r)}
	if sl.got != nil && sl.got.samples == plan.samples && len(sl.got.values) == plan.n {
		return append(out, pt.digitRow(travPane, 1+plan.n, plan.samples, plan.strip, r)...)
	}
	return append(out, widget.BlankLines(r, widget.DigitRows(plan.strip))...)
}
