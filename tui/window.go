package tui

import "math"

// window is the part of the x axis a chart shows: the last span steps
// following the newest data (end == 0), a fixed range ending at end (the
// user panned back), or everything (span == 0). Because it is kept apart
// from the data, a zoom survives new points arriving.
type window struct {
	span, end float64
}

// bounds returns the visible x range of data spanning [lo, hi].
func (w window) bounds(lo, hi float64) (float64, float64) {
	if w.span <= 0 {
		return lo, hi
	}
	end := hi
	if w.end > 0 && w.end < hi {
		end = w.end
	}
	return math.Max(lo, end-w.span), end
}

// zoom halves (in > 0) or doubles the span; zooming out past the data
// returns to "everything".
func (w window) zoom(in bool, lo, hi float64) window {
	x0, x1 := w.bounds(lo, hi)
	width := x1 - x0
	if in {
		w.span = math.Max(8, math.Floor(width/2))
		return w
	}
	if w.span <= 0 {
		return w
	}
	w.span *= 2
	if w.span >= hi-lo {
		return window{}
	}
	return w
}

// pan moves a zoomed window by a quarter of its span (dir < 0: back in
// time); reaching the newest data resumes following it.
func (w window) pan(dir int, lo, hi float64) window {
	if w.span <= 0 {
		return w
	}
	_, end := w.bounds(lo, hi)
	end += float64(dir) * math.Max(1, w.span/4)
	end = math.Max(end, lo+w.span)
	if end >= hi {
		end = 0
	}
	w.end = end
	return w
}
