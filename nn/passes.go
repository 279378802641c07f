package nn

import (
	"math"

	"github.com/vaetop/vaetop/par"
	"github.com/vaetop/vaetop/sgemm"
)

// Parallel element-wise passes of the layers. Between the matrix products
// of a step these used to run on one core while the other idled; now they
// are cut into fixed chunks over the shared worker pool. Each element (or
// column sum) is computed by exactly the same operations in the same order
// as a serial loop, so the chunking changes no bits.

// passChunks is how many pieces a pass over a batch is cut into: a few per
// core for balance, few enough that dispatch stays negligible.
const passChunks = 8

// colUnit keeps column chunks whole cache lines wide, so two workers never
// write the same line of a column-sum vector.
const colUnit = 16

// biasRows writes b into every row of y (rows×len(b)).
type biasRows struct {
	y, b []float32
	rows int
}

func (t *biasRows) Chunk(c int) {
	lo, hi := par.Split(t.rows, passChunks, c)
	w := len(t.b)
	for r := lo; r < hi; r++ {
		copy(t.y[r*w:(r+1)*w], t.b)
	}
}

// activate applies an Activation's forward function to x in place.
type activate struct {
	x     []float32
	slope float32
}

func (t *activate) Chunk(c int) {
	lo, hi := par.Split(len(t.x), passChunks, c)
	activateVec(t.x[lo:hi], t.slope)
}

// activateGo is the reference forward activation: x < 0 becomes +0 (ReLU,
// slope 0) or x·slope. Signs in a batch are random, so a branch per element
// would mispredict half the time; the selects compile to CMOV.
func activateGo(d []float32, slope float32) {
	if slope == 0 {
		for i, v := range d {
			b := math.Float32bits(v)
			if v < 0 {
				b = 0
			}
			d[i] = math.Float32frombits(b)
		}
		return
	}
	one, s := math.Float32bits(1), math.Float32bits(slope)
	for i, v := range d {
		f := one
		if v < 0 {
			f = s
		}
		d[i] = v * math.Float32frombits(f) // v·1 is v exactly
	}
}

// activateBack multiplies dy by the activation's derivative, read from the
// sign of its output y.
type activateBack struct {
	dy, y []float32
	slope float32
}

func (t *activateBack) Chunk(c int) {
	lo, hi := par.Split(len(t.dy), passChunks, c)
	backMask(t.dy[lo:hi], t.y[lo:hi], t.slope)
}

// backMask multiplies d[i] by slope where y[i] <= 0, branch-free: the other
// elements are multiplied by 1, which leaves them exactly as they are.
func backMask(d, y []float32, slope float32) {
	y = y[:len(d)]
	one, s := math.Float32bits(1), math.Float32bits(slope)
	for i, v := range y {
		f := one
		if v <= 0 {
			f = s
		}
		d[i] *= math.Float32frombits(f)
	}
}

// colSums writes db[j] = Σ_r dy[r][j], summing rows in order. With mask
// set it first applies an activation's backward to dy in place (dy *= slope
// where y <= 0), fusing the two passes over dy.
type colSums struct {
	dy, db, y []float32
	rows      int
	mask      bool
	slope     float32
}

// colChunks is the number of column chunks for w columns.
func colChunks(w int) int { return min(passChunks, (w+colUnit-1)/colUnit) }

func (t *colSums) Chunk(c int) {
	w := len(t.db)
	units := (w + colUnit - 1) / colUnit
	ulo, uhi := par.Split(units, colChunks(w), c)
	lo, hi := ulo*colUnit, min(uhi*colUnit, w)
	var y []float32
	if t.mask {
		y = t.y[lo:]
	}
	colSumsStrip(t.dy[lo:], y, t.db[lo:hi], t.rows, w, t.slope, t.mask)
}

// colSumsGo is the reference for one strip of columns: db (len n) gets the
// column sums of the rows×n block at dy (row stride stride), after the
// activation mask when mask is set (y is then laid out like dy).
func colSumsGo(dy, y, db []float32, rows, stride int, slope float32, mask bool) {
	for r := 0; r < rows; r++ {
		d := dy[r*stride : r*stride+len(db)]
		if mask {
			backMask(d, y[r*stride:r*stride+len(db)], slope)
		}
		if r == 0 {
			copy(db, d)
			continue
		}
		for j, v := range d {
			db[j] += v
		}
	}
}

// linearFuse is a Linear's state for products that carry their
// element-wise work (see Linear.forward and backward), kept in the layer
// so that calls allocate nothing.
type linearFuse struct {
	act        activateRect
	fw, dw, dx sgemm.Call
	below      colSumsRect
}

// colSumsRect makes the pass of colSums (activation mask, column sums)
// on strips of whole columns of dy, as a product finishes them.
type colSumsRect struct{ colSums }

func (t *colSumsRect) Rect(i0, i1, j0, j1 int) {
	if i0 != 0 || i1 != t.rows {
		panic("nn: internal error: column sums of part of the rows")
	}
	var y []float32
	if t.mask {
		y = t.y[j0:]
	}
	colSumsStrip(t.dy[j0:], y, t.db[j0:j1], t.rows, len(t.db), t.slope, t.mask)
}

// activateRect applies an activation (activateVec) in place to a
// rectangle of y (w columns) once the product has computed it.
type activateRect struct {
	y     []float32
	w     int
	slope float32
}

func (t *activateRect) Rect(i0, i1, j0, j1 int) {
	w := t.w
	if j0 == 0 && j1 == w {
		activateVec(t.y[i0*w:i1*w], t.slope)
		return
	}
	for r := i0; r < i1; r++ {
		activateVec(t.y[r*w+j0:r*w+j1], t.slope)
	}
}
