package tui

import "testing"

func TestWindowFollowsZoomsAndPans(t *testing.T) {
	// A zoomed window follows new data but keeps its span.
	w := window{}.zoom(true, 1, 1000)
	if w.span != 499 {
		t.Fatalf("span %v", w.span)
	}
	if x0, x1 := w.bounds(1, 2000); x0 != 1501 || x1 != 2000 {
		t.Fatalf("following window = %v..%v", x0, x1)
	}
	// Panned back, it stays put while data arrives.
	p := w.pan(-1, 1, 2000)
	if x0, x1 := p.bounds(1, 3000); x1 != p.end || x1 >= 2000 || x1-x0 != 499 {
		t.Fatalf("panned window moved with new data: %v..%v", x0, x1)
	}
	if back := p.pan(+1, 1, 2000).pan(+1, 1, 2000).pan(1, 1, 2000).pan(1, 1, 2000); back.end != 0 {
		t.Fatalf("panning right to the end should follow again: %+v", back)
	}
	if out := w.zoom(false, 1, 1000).zoom(false, 1, 1000); out.span != 0 {
		t.Fatalf("zooming out fully should show all: %+v", out)
	}
	if all := (window{}); all.pan(-1, 1, 100) != all {
		t.Fatal("panning the full range should do nothing")
	}
	if x0, x1 := (window{}).bounds(5, 50); x0 != 5 || x1 != 50 {
		t.Fatalf("full window %v..%v", x0, x1)
	}
	if tiny := (window{}).zoom(true, 1, 10); tiny.span != 8 {
		t.Fatalf("zoom floor %v", tiny.span)
	}
}
