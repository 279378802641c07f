package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/tui/widget"
)

// The map pane: the test set's means on a plane (their first two principal
// axes, or a small latent space's own), drawn as a scatter (explore_map.go)
// with a cursor whose point is decoded.

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

// picKey is what a drawn scatter picture depends on.
type picKey struct {
	mp    *latent.Map
	frame scatterFrame
	ascii bool
	th    *widget.Theme
}

// mapView is the map pane: the scatter with the cursor over its legend,
// and beside it the decode at the cursor and what it shows (mapSide).
func (pt exPainter) mapView(w, h int) (string, []string) {
	e, th := pt.e, pt.th
	title := pt.mapTitle(w)
	plan := planMap(w, h)
	switch {
	case e.mp == nil && e.mapErr != nil:
		return title, widget.FitLines([]string{th.Warn.Render("  no map: " + e.mapErr.Error())}, w, h)
	case e.mp == nil:
		return title, widget.FitLines([]string{th.Dim.Render("  computing the map…")}, w, h)
	case !plan.ok || !e.haveCursor:
		return title, widget.FitLines([]string{th.Dim.Render("  too small for the map")}, w, h)
	}
	ascii := pt.style == asciiRamp || !th.Colour()
	pt.updateScatter(plan, ascii)
	side := pt.mapSide(plan, h)
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

// mapTitle is the pane's title row: the map's caption, whether a newer
// test pass is being mapped, and the labels of a conditional model's
// decodes.
func (pt exPainter) mapTitle(w int) string {
	e, th := pt.e, pt.th
	extra := ""
	if e.mp != nil {
		extra = th.Dim.Render(mapCaption(e.mp))
		if e.mapLat != e.lat {
			extra += th.Dim.Render(" · updating")
		}
	}
	if pt.conditional {
		extra += th.Dim.Render(" · " + e.classText(mapPane))
	}
	return pt.title(mapPane, extra, w)
}

// updateScatter redraws the scatter's rows when they are stale. The
// points are binned and drawn once per map, frame and style; a cursor
// move redraws only the cursor's row.
func (pt exPainter) updateScatter(plan mapPlan, ascii bool) {
	e, th := pt.e, pt.th
	if e.scatterDone && len(e.scatter) == plan.fh {
		return
	}
	key := picKey{e.mp, e.frame, ascii, th}
	if e.pic == nil || e.picKey != key {
		e.pic, e.picKey = binScatter(e.mp, e.mapLat.Labels, e.frame).picture(th, ascii), key
	}
	e.scatter = e.pic.withCursor(e.col, e.row)
	e.scatterDone = true
}

// mapSide is the side column, plan.side cells wide and at most h lines:
// the decode at the cursor (blank until it comes), the cursor's map
// coordinates, the class of a conditional model's decode, and what the
// decode waits for.
func (pt exPainter) mapSide(plan mapPlan, h int) []string {
	e, th := pt.e, pt.th
	side := make([]string, 0, h)
	sl := &e.slots[mapPane]
	sr := widget.DigitRows(plan.s)
	if sl.got != nil {
		for _, l := range pt.digit(mapPane, 0, plan.s) {
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
	if pt.conditional {
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
	return side
}
