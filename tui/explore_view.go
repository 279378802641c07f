package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/vaetop/vaetop/tui/widget"
)

// The explorer's drawing. Every pane is a cached block (a title row over
// its content, exactly its box), rebuilt in Update only when its state, its
// answer or its box changes; the body joins the visible blocks. At 120x40
// and up the four panes sit 2×2; below, the focused pane fills the body
// under a one-line strip naming the panes. The screen decides what to
// redraw and an exPainter draws it: the traversal in explore_trav.go, the
// interpolation in explore_interp.go, the map in explore_mapview.go and the
// collapse monitor in explore_collapse.go.

// exBoxes are the panes' places in layout l and whether all four show.
func exBoxes(l layout) (grid bool, boxes [numExPanes]box) {
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

// visible reports whether pane p shows: every pane in the grid, else the
// focused one.
func (e *explorer) visible(p exPane, grid bool) bool { return grid || p == e.focus }

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
	grid, boxes := exBoxes(l)
	var cmds []tea.Cmd
	mb := boxes[mapPane] // its title takes a row
	if mp := planMap(mb.w, mb.h-1); mp.ok {
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
		if e.dirty[p] && e.visible(p, grid) {
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
		lines = append(lines, x.painter().tabStrip(l.w))
		lines = append(lines, e.block[e.focus]...)
	}
	x.root.body = strings.Join(lines, "\n")
	return tea.Batch(cmds...)
}

// exPaneBlock is pane p in b: exactly b.h lines of b.w cells.
func (x *explorerScreen) exPaneBlock(p exPane, b box) []string {
	e, pt := &x.ex, x.painter()
	w, h := b.w, b.h-1
	var title string
	var body []string
	switch {
	case e.lat == nil:
		title = pt.title(p, "", w)
		body = widget.FitLines([]string{"", x.theme.Dim.Render("  waiting for the first test pass…")}, w, h)
	case e.model == nil && (p == travPane || p == interpPane):
		title = pt.title(p, "", w)
		body = widget.FitLines([]string{"", x.theme.Dim.Render("  waiting for a frozen copy of the model…")}, w, h)
	default:
		switch p {
		case travPane:
			title, body = pt.travView(w, h)
		case interpPane:
			title, body = pt.interpView(w, h)
		case mapPane:
			title, body = pt.mapView(w, h)
		default:
			// The monitor's own first line has the figures.
			title = pt.title(p, x.theme.Dim.Render("test KL per unit, active units per epoch"), w)
			body = drawCollapse(x.theme, e.lat, x.rs.hist.epochs, w, h)
		}
	}
	return append([]string{title}, body...)
}

// exPainter draws the explorer's panes from what the screen holds: its
// state (whose caches of drawn digits and scatter it fills), its theme,
// the digit style and whether the run's model is conditional. It asks for
// nothing and changes no pane's state: the screen does that.
type exPainter struct {
	e           *explorer
	th          *widget.Theme
	style       widget.DigitStyle
	conditional bool
}

// painter is the explorer's painter as things stand now.
func (x *explorerScreen) painter() exPainter {
	return exPainter{e: &x.ex, th: x.theme, style: x.root.digitStyle, conditional: x.rs.run.Info.Conditional}
}

// tabStrip names the panes, the focused one reversed.
func (pt exPainter) tabStrip(w int) string {
	th := pt.th
	var b strings.Builder
	b.WriteString(" ")
	for p := exPane(0); p < numExPanes; p++ {
		b.WriteString(th.PaneName(exPaneNames[p], p == pt.e.focus))
		b.WriteString(" ")
	}
	b.WriteString(th.Dim.Render(" tab: next pane"))
	return widget.Fit(b.String(), w)
}

// classText says, for pane p's title, which label its conditional decodes
// use: the class a digit key fixed, else their own (ownLabel). The panes'
// titles already give the test digits' labels.
func (e *explorer) classText(p exPane) string {
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

// title is a pane's title row, reversed when it has focus.
func (pt exPainter) title(p exPane, extra string, w int) string {
	if e := pt.e; (p == travPane || p == interpPane || p == mapPane) && (e.slots[p].inflight || e.slots[p].want) && e.model != nil {
		extra += pt.th.Dim.Render(" …")
	}
	return widget.Fit(pt.th.PaneName(exPaneNames[p], p == pt.e.focus)+" "+extra, w)
}

// digit is image i of pane p's answer drawn at s pixels (cached).
func (pt exPainter) digit(p exPane, i, s int) []string {
	sl := &pt.e.slots[p]
	k := [2]int{i, s}
	if d, ok := sl.drawn[k]; ok {
		return d
	}
	w, h := pt.e.imageSize()
	px := sl.px[i*w*h : (i+1)*w*h]
	d := widget.RenderDigit(px, w, h, s, pt.style, pt.th.Profile())
	sl.drawn[k] = d
	return d
}

// digitRow is images first to first+n-1 of pane p's answer drawn at s
// pixels, side by side one column apart: a digit's rows of w cells.
func (pt exPainter) digitRow(p exPane, first, n, s, w int) []string {
	cells := make([][]string, n)
	for k := range cells {
		cells[k] = pt.digit(p, first+k, s)
	}
	return joinDigits(cells, widget.DigitRows(s), s, w, false)
}

// original is test image i drawn at s pixels, or blank without images.
func (pt exPainter) original(i, s int) []string {
	e := pt.e
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
	d := widget.RenderDigit(px, w, h, s, pt.style, pt.th.Profile())
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
