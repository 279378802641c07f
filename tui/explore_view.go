package tui

import (
	"fmt"
	"math"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// The explorer's drawing. Every pane is a cached block (a title row over
// its content, exactly its box), rebuilt in Update only when its state, its
// answer or its box changes; the body joins the visible blocks. At 120x40
// and up the four panes sit 2×2; below, the focused pane fills the body
// under a one-line strip naming the panes.

// exBoxes are the panes' places and whether all four show.
func (x *explorerScreen) exBoxes() (grid bool, boxes [numExPanes]box) {
	l := x.root.lay
	if l.mode == full {
		top := l.body / 2
		left := (l.w - 1) / 2
		right := l.w - 1 - left
		boxes = [numExPanes]box{{left, top}, {right, top}, {left, l.body - top}, {right, l.body - top}}
		return true, boxes
	}
	for p := range boxes {
		boxes[p] = box{l.w, l.body - 1} // the tab strip takes a row
	}
	return false, boxes
}

func (x *explorerScreen) exVisible(p exPane, grid bool) bool { return grid || p == x.ex.focus }

// refreshExplorer rebuilds the stale panes and joins the body. A pane
// whose box changed may need decodes of another size (a longer strip).
func (x *explorerScreen) refreshExplorer() tea.Cmd {
	l, e := x.root.lay, &x.ex
	if l.mode == tooSmall {
		x.root.body = x.root.tooSmallView()
		return nil
	}
	x.root.helpLine = widget.Fit(" "+x.root.help.ShortHelpView(x.keys.shortHelp()), l.w)
	if x.root.showHelp {
		x.root.body = strings.Join(x.root.helpView(x.keys.helpGroups(), l.w, l.body), "\n")
		e.dirtyAll() // the panes were not kept up to date meanwhile
		return nil
	}
	if x.rs.run.Q == nil {
		lines := widget.BlankLines(l.w, l.body)
		lines[l.body/2-1] = widget.Center(x.theme.Warn.Render("this run has no model to ask: the explorer cannot decode anything"), l.w)
		lines[l.body/2] = widget.Center(x.theme.Dim.Render("(a metrics file or a watch-only viewer has no querier)"), l.w)
		x.root.body = strings.Join(lines, "\n")
		return nil
	}
	grid, boxes := x.exBoxes()
	var cmds []tea.Cmd
	if mp := x.exMapPlan(boxes[mapPane]); mp.ok {
		cmds = append(cmds, x.exEnsureFrame(mp.fw, mp.fh))
	}
	if n := len(x.rs.hist.epochs); n != e.nEpochs {
		e.nEpochs, e.dirty[collapsePane] = n, true
	}
	for p := exPane(0); p < numExPanes; p++ {
		if boxes[p] != e.blockBox[p] {
			e.blockBox[p] = boxes[p]
			e.dirty[p] = true
			if p == travPane || p == interpPane {
				cmds = append(cmds, x.exWant(p))
			}
		}
		if e.dirty[p] && x.exVisible(p, grid) {
			e.block[p] = x.exPaneBlock(p, boxes[p])
			e.dirty[p] = false
		}
	}
	var lines []string
	if grid {
		for i := 0; i < boxes[travPane].h; i++ {
			lines = append(lines, e.block[travPane][i]+" "+e.block[interpPane][i])
		}
		for i := 0; i < boxes[mapPane].h; i++ {
			lines = append(lines, e.block[mapPane][i]+" "+e.block[collapsePane][i])
		}
	} else {
		lines = append(lines, x.exTabStrip(l.w))
		lines = append(lines, e.block[e.focus]...)
	}
	x.root.body = strings.Join(lines, "\n")
	return tea.Batch(cmds...)
}

// exTabStrip names the panes, the focused one reversed.
func (x *explorerScreen) exTabStrip(w int) string {
	th := x.theme
	var b strings.Builder
	b.WriteString(" ")
	for p := exPane(0); p < numExPanes; p++ {
		b.WriteString(th.PaneName(exPaneNames[p], p == x.ex.focus))
		b.WriteString(" ")
	}
	b.WriteString(th.Dim.Render(" tab: next pane"))
	return widget.Fit(b.String(), w)
}

// exPaneBlock is pane p in b: exactly b.h lines of b.w cells.
func (x *explorerScreen) exPaneBlock(p exPane, b box) []string {
	e := &x.ex
	w, h := b.w, b.h-1
	var title string
	var body []string
	switch {
	case e.lat == nil:
		title = x.exTitle(p, "", w)
		body = widget.FitLines([]string{"", x.theme.Dim.Render("  waiting for the first test pass…")}, w, h)
	case e.model == nil && (p == travPane || p == interpPane):
		title = x.exTitle(p, "", w)
		body = widget.FitLines([]string{"", x.theme.Dim.Render("  waiting for a frozen copy of the model…")}, w, h)
	default:
		switch p {
		case travPane:
			title, body = x.exTravView(w, h)
		case interpPane:
			title, body = x.exInterpView(w, h)
		case mapPane:
			title, body = x.exMapView(w, h)
		default:
			// The monitor's own first line has the figures.
			title = x.exTitle(p, x.theme.Dim.Render("test KL per unit, active units per epoch"), w)
			body = drawCollapse(x.theme, e.lat, x.rs.hist.epochs, w, h)
		}
	}
	return append([]string{title}, body...)
}

// exClassText says, for pane p's title, which label its conditional
// decodes use: the class a digit key fixed, else their own (ownLabel).
// The panes' titles already give the test digits' labels.
func (x *explorerScreen) exClassText(p exPane) string {
	e := &x.ex
	switch {
	case e.fixedClass:
		return fmt.Sprintf("class %d", e.class)
	case p == interpPane && e.label(e.ends[0]) != e.label(e.ends[1]):
		return "own labels"
	case p == mapPane:
		cx, cy := e.frame.coords(e.col, e.row)
		return fmt.Sprintf("own label %d", e.nearestLabel(cx, cy))
	case p == travPane && e.fromZero:
		return fmt.Sprintf("test #%d's label %d", e.digit, e.travClass())
	}
	return "own label"
}

// travClass is the class of the traversal's decodes: the one a digit key
// fixed, else its test digit's label.
func (e *explorer) travClass() int {
	if e.fixedClass {
		return e.class
	}
	return int(e.label(e.digit))
}

// exTitle is a pane's title row, reversed when it has focus.
func (x *explorerScreen) exTitle(p exPane, extra string, w int) string {
	if e := &x.ex; (p == travPane || p == interpPane || p == mapPane) && (e.slots[p].inflight || e.slots[p].want) && e.model != nil {
		extra += x.theme.Dim.Render(" …")
	}
	return widget.Fit(x.theme.PaneName(exPaneNames[p], p == x.ex.focus)+" "+extra, w)
}

// exDigit is image i of pane p's answer drawn at s pixels (cached).
func (x *explorerScreen) exDigit(p exPane, i, s int) []string {
	sl := &x.ex.slots[p]
	k := [2]int{i, s}
	if d, ok := sl.drawn[k]; ok {
		return d
	}
	w, h := x.ex.imageSize()
	px := sl.px[i*w*h : (i+1)*w*h]
	d := widget.RenderDigit(px, w, h, s, x.root.digitStyle, x.theme.Profile())
	sl.drawn[k] = d
	return d
}

// exOriginal is test image i drawn at s pixels, or blank without images.
func (x *explorerScreen) exOriginal(i, s int) []string {
	e := &x.ex
	k := [2]int{i, s}
	if d, ok := e.origDrawn[k]; ok {
		return d
	}
	if e.lat.Images == nil {
		return widget.BlankLines(s, widget.DigitRows(s))
	}
	w, h := e.imageSize()
	px := make([]float32, w*h)
	e.lat.Images.Image(i, px)
	d := widget.RenderDigit(px, w, h, s, x.root.digitStyle, x.theme.Profile())
	e.origDrawn[k] = d
	return d
}

// labelRow centres each label in a cell of s columns, cells one column
// apart, from column off; the line is exactly w cells.
func labelRow(labels []string, s, off, w int) string {
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", off))
	used := off
	for i, l := range labels {
		if i > 0 {
			b.WriteByte(' ')
			used++
		}
		l = ansi.Truncate(l, s, "")
		n := ansi.StringWidth(l)
		left := (s - n) / 2
		b.WriteString(strings.Repeat(" ", left) + l + strings.Repeat(" ", s-n-left))
		used += s
	}
	return widget.Fit(b.String(), w)
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

func (x *explorerScreen) exTravView(w, h int) (string, []string) {
	e, th := &x.ex, x.theme
	l := e.lat
	from := fmt.Sprintf("from test #%d (digit %d)", e.digit, e.label(e.digit))
	if e.fromZero {
		from = "from z = 0"
	}
	titleFrom := from
	switch {
	case !x.rs.run.Info.Conditional:
	case !e.fixedClass && !e.fromZero: // "(digit 7, own label)" fits the 120x40 grid
		titleFrom = strings.TrimSuffix(from, ")") + ", own label)"
	default:
		titleFrom += " · " + x.exClassText(travPane)
	}
	extra := th.Value.Render(fmt.Sprintf("z%d = %+.2f", e.dim+1, e.value)) + th.Dim.Render(" · "+titleFrom)
	title := x.exTitle(travPane, extra, w)
	plan := planTrav(w, h, x.rs.run.Info.Conditional)
	if !plan.ok {
		return title, widget.FitLines([]string{th.Dim.Render("  too small for a traversal")}, w, h)
	}
	// The list of dimensions, scrolled to keep the chosen one in sight.
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
	r := w - plan.list
	info := r - plan.big - 1
	sl := &e.slots[travPane]
	var right []string
	bigRows := widget.DigitRows(plan.big)
	var big []string
	if sl.got != nil {
		big = x.exDigit(travPane, 0, plan.big)
	} else {
		big = widget.BlankLines(plan.big, bigRows)
	}
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
	if x.rs.run.Info.Conditional {
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
	if sl.got == nil {
		texts = append(texts, "", th.Dim.Render("decoding…"))
	}
	for i := 0; i < bigRows; i++ {
		t := ""
		if i < len(texts) {
			t = texts[i]
		}
		right = append(right, big[i]+" "+widget.Fit(t, info))
	}
	right = append(right, widget.Fit(th.Label.Render(fmt.Sprintf("along z%d, others held:", e.dim+1)), r))
	values := stripValues(plan.n)
	nearest := 0
	for k, x := range values {
		if math.Abs(x-e.value) < math.Abs(values[nearest]-e.value) {
			nearest = k
		}
	}
	sr := widget.DigitRows(plan.strip)
	if sl.got != nil && len(sl.got.values) == plan.n {
		cells := make([][]string, plan.n)
		for k := range cells {
			cells[k] = x.exDigit(travPane, 1+k, plan.strip)
		}
		right = append(right, joinDigits(cells, sr, plan.strip, r, false)...)
	} else {
		right = append(right, widget.BlankLines(r, sr)...)
	}
	labels := make([]string, plan.n)
	for k, x := range values {
		labels[k] = fmt.Sprintf("%+g", x)
		if k == nearest {
			labels[k] = th.TitleFocused.Render("▲" + labels[k])
		}
	}
	right = append(right, labelRow(labels, plan.strip, 0, r))
	if plan.samples > 0 {
		right = append(right, widget.Fit(th.Label.Render(fmt.Sprintf("samples of digit %d from the prior:", e.travClass())), r))
		if sl.got != nil && sl.got.samples == plan.samples && len(sl.got.values) == plan.n {
			cells := make([][]string, plan.samples)
			for k := range cells {
				cells[k] = x.exDigit(travPane, 1+plan.n+k, plan.strip)
			}
			right = append(right, joinDigits(cells, sr, plan.strip, r, false)...)
		} else {
			right = append(right, widget.BlankLines(r, sr)...)
		}
	}
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

func (x *explorerScreen) exInterpView(w, h int) (string, []string) {
	e, th := &x.ex, x.theme
	mode := "linear"
	if e.spherical {
		mode = "spherical"
	}
	a, b := e.ends[0], e.ends[1]
	plan := planInterp(w, h, e.steps)
	extra := th.Dim.Render(fmt.Sprintf("A #%d (%d) → B #%d (%d) · ", a, e.label(a), b, e.label(b))) + th.Value.Render(mode)
	if plan.ok {
		steps := fmt.Sprintf(" · %d steps", plan.n)
		if plan.capped {
			steps += fmt.Sprintf(" (of %d: no room)", e.steps)
		}
		extra += th.Dim.Render(steps)
	}
	if x.rs.run.Info.Conditional {
		extra += th.Dim.Render(" · " + x.exClassText(interpPane))
	}
	title := x.exTitle(interpPane, extra, w)
	if !plan.ok {
		return title, widget.FitLines([]string{th.Dim.Render(fmt.Sprintf("  too narrow for a path of %d steps", max(e.steps, 5)))}, w, h)
	}
	endText := func(i int) string {
		s := fmt.Sprintf("%c: test #%d, digit %d", 'A'+i, e.ends[i], e.label(e.ends[i]))
		if i == e.end {
			return th.TitleFocused.Render("▸" + s + " ")
		}
		return th.Label.Render(" " + s + " ")
	}
	lines := []string{widget.Fit(" "+endText(0)+th.Dim.Render("  ──  ")+endText(1)+th.Dim.Render("   ↑/↓ picks the end ←/→ and c move"), w), ""}
	s, sr := plan.s, widget.DigitRows(plan.s)
	sl := &e.slots[interpPane]
	path := make([][]string, plan.n)
	have := sl.got != nil && sl.got.n == plan.n
	for k := range path {
		if have {
			path[k] = x.exDigit(interpPane, k, s)
		} else {
			path[k] = widget.BlankLines(s, sr)
		}
	}
	oa, ob := x.exOriginal(a, s), x.exOriginal(b, s)
	pathW := plan.n*(s+1) - 1
	joined := joinDigits(path, sr, s, pathW, false)
	for r := 0; r < sr; r++ {
		lines = append(lines, widget.Fit(oa[r]+"  "+joined[r]+"  "+ob[r], w))
	}
	// Labels under the originals and the path, then each point's norm.
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
		dim := e.lat.Dim
		for k := 0; k < plan.n; k++ {
			norms[k+1] = fmt.Sprintf("%.1f", latent.Norm(sl.got.z[k*dim:(k+1)*dim]))
		}
	}
	lines = append(lines, exLabelLine(labels, s, w), exLabelLine(norms, s, w))
	if h-len(lines) >= 2 {
		desc := "linear: the straight line between the means"
		if e.spherical {
			desc = "spherical: along the great circle, the norm moving linearly between the ends'"
		}
		lines = append(lines, "", th.Dim.Render(" "+desc+" · m toggles"))
	}
	if x.rs.run.Info.Conditional && h-len(lines) >= 1 {
		la, lb := e.label(a), e.label(b)
		cls := fmt.Sprintf(" own labels: A's %d on the first half, B's %d on the second", la, lb)
		if e.fixedClass {
			cls = fmt.Sprintf(" class %d for all (%d again: own labels)", e.class, e.class)
		}
		lines = append(lines, th.Dim.Render(cls))
	}
	return title, widget.FitLines(lines, w, h)
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

// mapPlan is the map pane: a frame of fw×fh cells (a legend under it) and
// the decoded point, s pixels, in a side column.
type mapPlan struct {
	fw, fh, s, side int
	ok              bool
}

func planMap(w, h int) mapPlan {
	for _, s := range digitSizes {
		side := max(s, 16)
		if widget.DigitRows(s)+4 > h || side > w/3 || w-side-1 < 20 {
			continue
		}
		return mapPlan{fw: w - side - 1, fh: h - 1, s: s, side: side, ok: true}
	}
	return mapPlan{}
}

func (x *explorerScreen) exMapPlan(b box) mapPlan { return planMap(b.w, b.h-1) }

// exEnsureFrame rebuilds the map's frame when the map or its size
// changed, keeping the cursor on the same map coordinates when they are
// still inside (else the nearest edge), and asks for the point's decode.
func (x *explorerScreen) exEnsureFrame(fw, fh int) tea.Cmd {
	e := &x.ex
	if e.mp == nil || e.mp == e.frameMap && fw == e.frameW && fh == e.frameH {
		return nil
	}
	var cx, cy float64
	had := e.haveCursor && e.frameMap != nil
	if had {
		cx, cy = e.frame.coords(e.col, e.row)
	}
	e.frame, e.frameMap, e.frameW, e.frameH = newScatterFrame(e.mp, fw, fh), e.mp, fw, fh
	col, row, ok := e.frame.cell(cx, cy) // the map's centre when new
	if !ok {
		if !had {
			col, row = fw/2, fh/2
		}
		col, row = clamp(col, 0, fw-1), clamp(row, 0, fh-1)
	}
	e.col, e.row, e.haveCursor, e.scatterDone = col, row, true, false
	return x.exWant(mapPane)
}

func (x *explorerScreen) exMapView(w, h int) (string, []string) {
	e, th := &x.ex, x.theme
	extra := ""
	if e.mp != nil {
		extra = th.Dim.Render(mapCaption(e.mp))
		if e.mapLat != e.lat {
			extra += th.Dim.Render(" · updating")
		}
	}
	if x.rs.run.Info.Conditional {
		extra += th.Dim.Render(" · " + x.exClassText(mapPane))
	}
	title := x.exTitle(mapPane, extra, w)
	plan := planMap(w, h)
	switch {
	case e.mp == nil && e.mapErr != nil:
		return title, widget.FitLines([]string{th.Warn.Render("  no map: " + e.mapErr.Error())}, w, h)
	case e.mp == nil:
		return title, widget.FitLines([]string{th.Dim.Render("  computing the map…")}, w, h)
	case !plan.ok || !e.haveCursor:
		return title, widget.FitLines([]string{th.Dim.Render("  too small for the map")}, w, h)
	}
	ascii := x.root.digitStyle == asciiRamp || !th.Colour()
	if !e.scatterDone || len(e.scatter) != plan.fh {
		// The points are binned and drawn once per map, frame and style; a
		// cursor move redraws only the cursor's row.
		key := picKey{e.mp, e.frame, ascii, th}
		if e.pic == nil || e.picKey != key {
			e.pic, e.picKey = binScatter(e.mp, e.mapLat.Labels, e.frame).picture(th, ascii), key
		}
		e.scatter = e.pic.withCursor(e.col, e.row)
		e.scatterDone = true
	}
	side := make([]string, 0, h)
	sl := &e.slots[mapPane]
	sr := widget.DigitRows(plan.s)
	if sl.got != nil {
		for _, l := range x.exDigit(mapPane, 0, plan.s) {
			side = append(side, l+strings.Repeat(" ", plan.side-plan.s))
		}
	} else {
		side = append(side, widget.BlankLines(plan.side, sr)...)
	}
	cx, cy := e.frame.coords(e.col, e.row)
	texts := []string{
		th.Label.Render("cursor x ") + fmt.Sprintf("%+.2f", cx),
		th.Label.Render("       y ") + fmt.Sprintf("%+.2f", cy),
	}
	if x.rs.run.Info.Conditional {
		if e.fixedClass {
			texts = append(texts, th.Label.Render("class ")+th.Value.Render(fmt.Sprint(e.class)))
		} else {
			texts = append(texts, th.Label.Render("class ")+th.Value.Render(fmt.Sprint(e.nearestLabel(cx, cy))),
				th.Dim.Render("(nearest digit)"))
		}
	}
	if e.model == nil {
		texts = append(texts, th.Dim.Render("waiting for the model"))
	} else if sl.got == nil {
		texts = append(texts, th.Dim.Render("decoding…"))
	}
	for _, t := range texts {
		side = append(side, widget.Fit(t, plan.side))
	}
	blankSide := strings.Repeat(" ", plan.side)
	out := make([]string, h)
	for i := 0; i < h; i++ {
		s := blankSide
		if i < len(side) {
			s = side[i]
		}
		left := scatterLegend(th, ascii, plan.fw)
		if i < plan.fh {
			left = e.scatter[i]
		}
		out[i] = left + " " + s
	}
	return title, out
}
