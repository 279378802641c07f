package nn

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/blas"

	"github.com/vaetop/vaetop/sgemm"
)

// Linear is y = x·W + b with W stored in×out (row-major), which keeps every
// product in the step a plain NN, NT or TN GEMM over contiguous rows.
type Linear struct {
	In, Out int
	W, B    []float32 // views into the ParamSet
	GW, GB  []float32

	// NoInputGrad skips dX in Backward (the first layer's input is data).
	NoInputGrad bool
	// here computes on the calling goroutine alone (VAE.Frozen).
	here bool

	x   Mat       // input of the last Forward, kept for Backward
	out []float32 // maxBatch×Out
	dx  []float32 // maxBatch×In

	bias biasRows // parallel passes, kept here so calls allocate nothing
	db   colSums
	fuse linearFuse
}

// NewLinear registers a Linear layer's parameters in ps under name.
func NewLinear(ps *ParamSet, name string, in, out, maxBatch int) *Linear {
	l := &Linear{In: in, Out: out, out: make([]float32, maxBatch*out), dx: make([]float32, maxBatch*in)}
	ps.add(name, in*out, func(w, g []float32) { l.W, l.GW = w, g })
	ps.add(name, out, func(w, g []float32) { l.B, l.GB = w, g })
	return l
}

// Init draws W and b from U(-1/sqrt(in), 1/sqrt(in)), PyTorch's default
// (kaiming_uniform_ with a=sqrt(5) gives exactly this bound).
func (l *Linear) Init(rng *RNG) {
	bound := float32(1 / math.Sqrt(float64(l.In)))
	// PyTorch draws the weight in its out×in layout; draw in that order and
	// store transposed so a given stream fills the same logical weights.
	for o := 0; o < l.Out; o++ {
		for i := 0; i < l.In; i++ {
			l.W[i*l.Out+o] = (2*rng.Uniform() - 1) * bound
		}
	}
	for o := range l.B {
		l.B[o] = (2*rng.Uniform() - 1) * bound
	}
}

// Forward computes x·W + b.
func (l *Linear) Forward(x Mat, _ bool) Mat { return l.forward(x, nil) }

// forward is Forward with, when act is not nil, act's forward applied to
// the output in place.
func (l *Linear) forward(x Mat, act *Activation) Mat {
	if x.Cols != l.In {
		panic(fmt.Sprintf("nn: Linear %dx%d got input with %d columns", l.In, l.Out, x.Cols))
	}
	l.x = x
	y := view(l.out, x.Rows, l.Out)
	// The bias goes into C and the product is added with beta = 1: the
	// GEMM then starts each element's sum from the bias, exactly as
	// before (a separate bias pass after a beta = 0 product would add it
	// last and round differently when k spans several k-blocks).
	if fused(l.here) {
		// One parallel region: the kernels read the bias as C's old
		// values (no copy of it into every row), and each task applies
		// the activation to its rectangle of y once computed.
		f := &l.fuse
		f.fw = sgemm.Call{TA: blas.NoTrans, TB: blas.NoTrans, M: x.Rows, N: l.Out, K: l.In, Alpha: 1,
			A: x.Data, Lda: l.In, B: l.W, Ldb: l.Out, Beta: 1, C: y.Data, Ldc: l.Out, Bias: l.B}
		if act != nil {
			f.act = activateRect{y: y.Data, w: l.Out, slope: act.Slope}
			f.fw.Post = &f.act
		}
		sgemm.Sgemm1(&f.fw)
		f.fw, f.act = sgemm.Call{}, activateRect{}
		if act != nil {
			act.y = y
		}
		return y
	}
	l.bias = biasRows{y: y.Data, b: l.B, rows: x.Rows}
	forChunks(l.here, passChunks, &l.bias)
	l.bias = biasRows{}
	gemm(l.here, blas.NoTrans, blas.NoTrans, x.Rows, l.Out, l.In, 1, x.Data, l.In, l.W, l.Out, 1, y.Data, l.Out)
	if act != nil {
		return act.Forward(y, true)
	}
	return y
}

// Backward writes dW = xᵀ·dy and db = Σrows dy into the gradients
// (overwriting them) and returns dx = dy·Wᵀ.
func (l *Linear) Backward(dy Mat) Mat {
	dx, _ := l.backward(dy, nil, false, nil, nil)
	return dx
}

// backward is Backward with, when act is not nil, act's backward applied
// to dy first, fused with the bias gradient's pass over dy. With dbDone
// that pass was already made (by the layer above, see below). With
// below not nil, dx is the output gradient of the layer below, whose
// activation is belowAct (nil: none): the dx product then makes the
// below layer's pass itself, on each strip of columns it finishes, and
// backward reports true; the below layer's backward must then be called
// with dbDone.
func (l *Linear) backward(dy Mat, act *Activation, dbDone bool, below *Linear, belowAct *Activation) (Mat, bool) {
	n := dy.Rows
	if !dbDone {
		l.db = colSums{dy: dy.Data[:n*l.Out], db: l.GB, rows: n}
		if act != nil {
			l.db.mask, l.db.y, l.db.slope = true, act.y.Data[:n*l.Out], act.Slope
		}
		forChunks(l.here, colChunks(l.Out), &l.db)
		l.db = colSums{}
	}
	if !l.NoInputGrad && fused(l.here) {
		// dW and dx as one parallel region.
		dx := view(l.dx, n, l.In)
		f := &l.fuse
		f.dw = sgemm.Call{TA: blas.Trans, TB: blas.NoTrans, M: l.In, N: l.Out, K: n, Alpha: 1,
			A: l.x.Data, Lda: l.In, B: dy.Data, Ldb: l.Out, C: l.GW, Ldc: l.Out}
		f.dx = sgemm.Call{TA: blas.NoTrans, TB: blas.Trans, M: n, N: l.In, K: l.Out, Alpha: 1,
			A: dy.Data, Lda: l.Out, B: l.W, Ldb: l.Out, C: dx.Data, Ldc: l.In}
		done := below != nil && below.Out == l.In && !below.here
		if done {
			f.below = colSumsRect{colSums{dy: dx.Data[:n*l.In], db: below.GB, rows: n}}
			if belowAct != nil {
				f.below.mask, f.below.y, f.below.slope = true, belowAct.y.Data[:n*l.In], belowAct.Slope
			}
			f.dx.Post, f.dx.WholeRows = &f.below, true
		}
		sgemm.Sgemm2(&f.dw, &f.dx)
		f.dw, f.dx, f.below = sgemm.Call{}, sgemm.Call{}, colSumsRect{}
		return dx, done
	}
	gemm(l.here, blas.Trans, blas.NoTrans, l.In, l.Out, n, 1, l.x.Data, l.In, dy.Data, l.Out, 0, l.GW, l.Out)
	if l.NoInputGrad {
		return Mat{}, false
	}
	dx := view(l.dx, n, l.In)
	gemm(l.here, blas.NoTrans, blas.Trans, n, l.In, l.Out, 1, dy.Data, l.Out, l.W, l.Out, 0, dx.Data, l.In)
	return dx, false
}
