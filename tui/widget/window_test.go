package widget

import "testing"

func TestWindowFollowsZoomsAndPans(t *testing.T) {
	// A zoomed window follows new data but keeps its span.
	w := Window{}.Zoom(true, 1, 1000)
	if w.Span != 499 {
		t.Fatalf("span %v", w.Span)
	}
	if x0, x1 := w.Bounds(1, 2000); x0 != 1501 || x1 != 2000 {
		t.Fatalf("following window = %v..%v", x0, x1)
	}
	// Panned back, it stays put while data arrives.
	p := w.Pan(-1, 1, 2000)
	if x0, x1 := p.Bounds(1, 3000); x1 != p.End || x1 >= 2000 || x1-x0 != 499 {
		t.Fatalf("panned window moved with new data: %v..%v", x0, x1)
	}
	if back := p.Pan(+1, 1, 2000).Pan(+1, 1, 2000).Pan(1, 1, 2000).Pan(1, 1, 2000); back.End != 0 {
		t.Fatalf("panning right to the end should follow again: %+v", back)
	}
	if out := w.Zoom(false, 1, 1000).Zoom(false, 1, 1000); out.Span != 0 {
		t.Fatalf("zooming out fully should show all: %+v", out)
	}
	if all := (Window{}); all.Pan(-1, 1, 100) != all {
		t.Fatal("panning the full range should do nothing")
	}
	if x0, x1 := (Window{}).Bounds(5, 50); x0 != 5 || x1 != 50 {
		t.Fatalf("full window %v..%v", x0, x1)
	}
	if tiny := (Window{}).Zoom(true, 1, 10); tiny.Span != 8 {
		t.Fatalf("zoom floor %v", tiny.Span)
	}
}
