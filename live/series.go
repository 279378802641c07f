package live

// Point is one value of a named series at a step. Steps are float64 because
// some writers log fractional epochs (Hugging Face) or steps as floats.
type Point struct{ Step, V float64 }

// SeriesPoints are points of one named series of a run, in the order the
// producer made them. A step not above the one before it starts a new
// segment (a resumed run appended to its file): viewers never draw a line
// back in time.
type SeriesPoints struct {
	// Part names a run inside the producer's run: vaetop compare's
	// metrics file holds several ("" when there is one).
	Part   string
	Name   string
	Points []Point
	// NonFinite counts the series' NaN and ±Inf values so far, those
	// thinned out of a long history included.
	NonFinite int
}

// SeriesLimit is how many points a series keeps before its older points
// are thinned: enough for every dot column of a wide chart zoomed in 16x.
const SeriesLimit = 8192

// SeriesBuf is one series' bounded history, kept as parallel X and Y
// slices so that a chart can draw them without a copy. The newest quarter
// of its limit stays exact; older points are thinned by keeping each group
// of four's smallest and largest value (and its first NaN, +Inf and -Inf), so a
// spike survives any zoom and any length.
type SeriesBuf struct {
	X, Y      []float64
	NonFinite int
	limit     int
}

// NewSeriesBuf returns an empty buffer holding at most about limit points
// (at least 64).
func NewSeriesBuf(limit int) *SeriesBuf {
	return &SeriesBuf{limit: max(limit, 64)}
}

// Len is the number of points held.
func (b *SeriesBuf) Len() int { return len(b.X) }

// Append adds points in order, thinning the older ones when the buffer
// is full.
func (b *SeriesBuf) Append(ps []Point) {
	for _, p := range ps {
		b.X = append(b.X, p.Step)
		b.Y = append(b.Y, p.V)
		if !Finite(p.V) {
			b.NonFinite++
		}
		if len(b.X) > b.limit {
			b.thin()
		}
	}
}

// Points copies the buffer out.
func (b *SeriesBuf) Points() []Point {
	out := make([]Point, len(b.X))
	for i := range b.X {
		out[i] = Point{b.X[i], b.Y[i]}
	}
	return out
}

// Reset empties the buffer, keeping its memory.
func (b *SeriesBuf) Reset() { b.X, b.Y, b.NonFinite = b.X[:0], b.Y[:0], 0 }

// TruncateAfter forgets the points after step at the end of the buffer (a
// trainer rolled back; the steps it trains next reuse their numbers).
func (b *SeriesBuf) TruncateAfter(step float64) {
	n := len(b.X)
	for n > 0 && b.X[n-1] > step {
		n--
		if !Finite(b.Y[n]) {
			b.NonFinite--
		}
	}
	b.X, b.Y = b.X[:n], b.Y[:n]
}

// Segments calls fn with each run of points whose steps rise, oldest
// first. The slices are the buffer's own: fn must not keep them past the
// next Append.
func (b *SeriesBuf) Segments(fn func(x, y []float64)) {
	start := 0
	for i := 1; i <= len(b.X); i++ {
		if i == len(b.X) || b.X[i] <= b.X[i-1] {
			fn(b.X[start:i], b.Y[start:i])
			start = i
		}
	}
}

// thin halves the older three quarters of the buffer in place.
func (b *SeriesBuf) thin() {
	old := len(b.X) - b.limit/4
	w := 0
	for g := 0; g < old; g += 4 {
		end := min(g+4, old)
		w = b.keepExtremes(g, end, w)
	}
	n := copy(b.X[w:], b.X[old:])
	copy(b.Y[w:], b.Y[old:])
	b.X, b.Y = b.X[:w+n], b.Y[:w+n]
}

// keepExtremes writes, at w, the points of group [g, end) worth keeping
// and returns the next write position. A group at or across a segment
// boundary is kept whole, so segments never merge. Writes never pass the
// group being read (w <= g), so X[g-1] and X[end] are still the originals.
func (b *SeriesBuf) keepExtremes(g, end, w int) int {
	if b.boundaryNear(g, end) {
		return b.keepAll(g, end, w)
	}
	lo, hi := -1, -1
	bad := [3]int{-1, -1, -1} // the first NaN, +Inf and -Inf
	for i := g; i < end; i++ {
		v := b.Y[i]
		if !Finite(v) {
			if k := nonFiniteKind(v); bad[k] < 0 {
				bad[k] = i
			}
			continue
		}
		if lo < 0 || v < b.Y[lo] {
			lo = i
		}
		if hi < 0 || v > b.Y[hi] {
			hi = i
		}
	}
	for i := g; i < end; i++ { // in step order
		if i == lo || i == hi || i == bad[0] || i == bad[1] || i == bad[2] {
			b.X[w], b.Y[w] = b.X[i], b.Y[i]
			w++
		}
	}
	return w
}

func nonFiniteKind(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return 2
	}
	return 0 // NaN
}

// boundaryNear reports whether a segment starts inside [g, end], or at g.
func (b *SeriesBuf) boundaryNear(g, end int) bool {
	for i := max(g, 1); i <= end && i < len(b.X); i++ {
		if b.X[i] <= b.X[i-1] {
			return true
		}
	}
	return false
}

func (b *SeriesBuf) keepAll(g, end, w int) int {
	for i := g; i < end; i++ {
		b.X[w], b.Y[w] = b.X[i], b.Y[i]
		w++
	}
	return w
}
