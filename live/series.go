package live

// Point is one value of a named series at a step. Steps are float64 because
// some writers log fractional epochs (Hugging Face) or steps as floats.
type Point struct{ Step, V float64 }

// SeriesPoints are points of one named series of a run, in the order the
// producer made them. A step below the one before it starts a new
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
// are folded into buckets: enough for every dot column of a wide chart
// zoomed in 16x.
const SeriesLimit = 8192

// SeriesBuf is one series' bounded history, kept as parallel X and Y
// slices so that a chart can draw them without a copy. The newest points
// (a quarter of its limit or more) stay exact; older ones are folded into
// buckets of equal numbers of points, each kept as its smallest and
// largest value and its first NaN, +Inf and -Inf, so that a spike
// survives any zoom and any length. When the buckets fill half the
// buffer, neighbours merge and each bucket spans twice as many points:
// the whole history keeps an even resolution.
type SeriesBuf struct {
	X, Y      []float64
	NonFinite int
	limit     int
	nb        int // X[:nb] are buckets; X[nb:] the exact newest points
	per       int // points a bucket spans
	folded    int // points folded into buckets so far
}

// NewSeriesBuf returns an empty buffer holding at most limit points (at
// least 64).
func NewSeriesBuf(limit int) *SeriesBuf {
	return &SeriesBuf{limit: max(limit, 64), per: 1}
}

// Len is the number of points held.
func (b *SeriesBuf) Len() int { return len(b.X) }

// Append adds points in order, folding the older ones into buckets when
// the buffer is full.
func (b *SeriesBuf) Append(ps []Point) {
	for _, p := range ps {
		b.X = append(b.X, p.Step)
		b.Y = append(b.Y, p.V)
		if !Finite(p.V) {
			b.NonFinite++
		}
		if len(b.X) > b.limit {
			b.fold()
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
func (b *SeriesBuf) Reset() {
	b.X, b.Y, b.NonFinite, b.nb, b.per, b.folded = b.X[:0], b.Y[:0], 0, 0, 1, 0
}

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
	b.nb = min(b.nb, n)
}

// Segments calls fn with each run of points whose steps rise, oldest
// first. The slices are the buffer's own: fn must not keep them past the
// next Append.
func (b *SeriesBuf) Segments(fn func(x, y []float64)) {
	start := 0
	for i := 1; i <= len(b.X); i++ {
		if i == len(b.X) || b.X[i] < b.X[i-1] {
			fn(b.X[start:i], b.Y[start:i])
			start = i
		}
	}
}

// fold turns the oldest exact points, in whole buckets, into buckets,
// keeping a quarter of the limit exact, then merges neighbouring buckets
// until they fill at most half the buffer.
func (b *SeriesBuf) fold() {
	exact := len(b.X) - b.nb
	n := (exact - b.limit/4) / b.per * b.per
	if n == 0 && exact > b.limit*3/4 {
		n = exact - b.limit/4 // buckets grown huge by forced merges: a partial one
	}
	if n > 0 {
		w := b.nb
		for g := b.nb; g < b.nb+n; g += b.per {
			w = b.keepExtremes(g, min(g+b.per, b.nb+n), w, false)
		}
		b.nb, b.folded = w, b.folded+n
		b.shiftDown(w, len(b.X)-exact+n)
	}
	for b.nb > b.limit/2 {
		before := b.nb
		b.merge(false)
		if b.nb > before*7/8 {
			// Segments everywhere (steps that keep going back): merge
			// across them rather than grow without bound.
			b.merge(true)
		}
	}
}

// merge halves the buckets by merging each two neighbours (four points);
// across segment boundaries only when forced.
func (b *SeriesBuf) merge(force bool) {
	w := 0
	for g := 0; g < b.nb; g += 4 {
		w = b.keepExtremes(g, min(g+4, b.nb), w, force)
	}
	b.shiftDown(w, b.nb)
	b.nb = w
	// Each bucket now spans its share of everything folded: twice as
	// many points as before, unless boundaries kept nearly all.
	b.per = max(b.per, b.folded/max(1, w/2))
}

// shiftDown moves the points from index from on down to index to.
func (b *SeriesBuf) shiftDown(to, from int) {
	n := copy(b.X[to:], b.X[from:])
	copy(b.Y[to:], b.Y[from:])
	b.X, b.Y = b.X[:to+n], b.Y[:to+n]
}

// keepExtremes writes, at w, the points of group [g, end) worth keeping
// and returns the next write position. A group at or across a segment
// boundary is kept whole, so segments never merge, unless force says to.
// Writes never pass the group being read (w <= g), so X[g-1] and X[end]
// are still the originals.
func (b *SeriesBuf) keepExtremes(g, end, w int, force bool) int {
	if !force && b.boundaryNear(g, end) {
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
		if b.X[i] < b.X[i-1] {
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
