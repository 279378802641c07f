package widget

import "math"

// Window is the part of the x axis a chart shows: the last Span steps
// following the newest data (End == 0), a fixed range ending at End (the
// user panned back), or everything (Span == 0). Because it is kept apart
// from the data, a zoom survives new points arriving.
type Window struct {
	Span, End float64
}

// Bounds returns the visible x range of data spanning [lo, hi].
func (w Window) Bounds(lo, hi float64) (float64, float64) {
	if w.Span <= 0 {
		return lo, hi
	}
	end := hi
	if w.End > 0 && w.End < hi {
		end = w.End
	}
	return math.Max(lo, end-w.Span), end
}

// Zoom halves (in > 0) or doubles the span; zooming out past the data
// returns to "everything".
func (w Window) Zoom(in bool, lo, hi float64) Window {
	x0, x1 := w.Bounds(lo, hi)
	width := x1 - x0
	if in {
		w.Span = math.Max(8, math.Floor(width/2))
		return w
	}
	if w.Span <= 0 {
		return w
	}
	w.Span *= 2
	if w.Span >= hi-lo {
		return Window{}
	}
	return w
}

// Pan moves a zoomed window by a quarter of its span (dir < 0: back in
// time); reaching the newest data resumes following it.
func (w Window) Pan(dir int, lo, hi float64) Window {
	if w.Span <= 0 {
		return w
	}
	_, end := w.Bounds(lo, hi)
	end += float64(dir) * math.Max(1, w.Span/4)
	end = math.Max(end, lo+w.Span)
	if end >= hi {
		end = 0
	}
	w.End = end
	return w
}
