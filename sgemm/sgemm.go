package sgemm

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/gonum"
)

// Panic messages, identical to gonum's so callers see the same errors.
const (
	badTranspose = "blas: illegal transpose"
	mLT0         = "blas: m < 0"
	nLT0         = "blas: n < 0"
	kLT0         = "blas: k < 0"
	badLdA       = "blas: bad leading dimension of A"
	badLdB       = "blas: bad leading dimension of B"
	badLdC       = "blas: bad leading dimension of C"
	shortA       = "blas: insufficient length of a"
	shortB       = "blas: insufficient length of b"
	shortC       = "blas: insufficient length of c"
	shortBias    = "sgemm: insufficient length of bias"
)

// Implementation is gonum's pure-Go BLAS with Sgemm replaced by this
// package's. It satisfies blas.Float32, so blas32.Use(Implementation{})
// routes every blas32 single-precision call through it.
type Implementation struct{ gonum.Implementation }

// Sgemm implements blas.Float32 by calling the package-level Sgemm.
func (Implementation) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Use installs Implementation{} as the blas32 backend.
func Use() { blas32.Use(Implementation{}) }

// Sgemm computes
//
//	C = alpha * op(A) * op(B) + beta * C
//
// for row-major matrices, where op(X) is X or Xᵀ as selected by tA and tB,
// op(A) is m×k, op(B) is k×n and C is m×n. It has the signature, argument
// checks and semantics of gonum's Implementation.Sgemm (blas.ConjTrans is
// the same as blas.Trans for real matrices; beta == 0 overwrites C without
// reading it). It does not allocate in steady state and its results do not
// depend on GOMAXPROCS or scheduling.
func Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	sgemm(true, tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// SgemmHere is Sgemm computed on the calling goroutine alone, never on the
// worker pool, with the same bits. It is for work beside training (a
// viewer decoding from a frozen copy of the weights): taken between two
// of the training step's products, the pool would leave the step's next
// product to run on one core.
func SgemmHere(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	sgemm(false, tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// sgemm is Sgemm, allowed to use the pool when pool is set.
func sgemm(pool bool, tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	sgemmRect(pool, tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, nil, nil, false, nil)
}

// Rect is work on one rectangle of C: rows [i0, i1), columns [j0, j1).
// Pass a pointer to a long-lived struct so that calls allocate nothing.
type Rect interface{ Rect(i0, i1, j0, j1 int) }

// SgemmRect is Sgemm with two hooks (either may be nil): pre runs on each
// rectangle of C just before it is computed, post just after, on the same
// worker, so that work on C before and after the product (a bias to
// start the sums from, an activation) needs no parallel loops of its own.
// The rectangles cover C exactly once; a hook may read and write C inside
// its rectangle only. What the hooks see does not depend on the split:
// each element of C is final when post sees it.
func SgemmRect(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int, pre, post Rect) {
	sgemmRect(true, tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, pre, post, false, nil)
}

func sgemmRect(pool bool, tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int, pre, post Rect, wholeRows bool, bias []float32) {
	kern := activeKernel()
	if kern == nil {
		wholeHook(pre, m, n)
		fillBias(m, n, bias, c, ldc)
		gonum.Implementation{}.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		wholeHook(post, m, n)
		return
	}
	aT, bT := checkArgs(tA, tB, m, n, k, a, lda, b, ldb, c, ldc)
	if m == 0 || n == 0 {
		return
	}
	if bias != nil && len(bias) < n {
		panic(shortBias)
	}
	if alpha == 0 || k == 0 {
		wholeHook(pre, m, n)
		fillBias(m, n, bias, c, ldc)
		if beta != 1 {
			scaleC(m, n, beta, c, ldc)
		}
		wholeHook(post, m, n)
		return
	}
	run(pool, kern, aT, bT, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, pre, post, wholeRows, bias)
}

// Call is the arguments of one SgemmRect call, for Sgemm2.
type Call struct {
	TA, TB    blas.Transpose
	M, N, K   int
	Alpha     float32
	A         []float32
	Lda       int
	B         []float32
	Ldb       int
	Beta      float32
	C         []float32
	Ldc       int
	Pre, Post Rect
	// WholeRows makes every rectangle the hooks see span all M rows of C
	// (a post hook that sums columns in row order).
	WholeRows bool
	// Bias, when not nil (at least N values), stands for C's old values:
	// C = Alpha·op(A)·op(B) + Beta·Bias[j] in every row, the bits of
	// copying Bias into every row of C first, without the copy (the
	// kernel reads the vector). What a Pre hook writes to C is then not
	// read.
	Bias []float32
}

func (x *Call) do() {
	sgemmRect(true, x.TA, x.TB, x.M, x.N, x.K, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, x.C, x.Ldc, x.Pre, x.Post, x.WholeRows, x.Bias)
}

// Sgemm2 computes two independent products (neither may write what the
// other reads) as one parallel region: the tasks of both share one
// hand-out to the workers and one wait for them, instead of a region and
// a barrier each. The bits are those of two SgemmRect calls.
func Sgemm2(x, y *Call) {
	kern := activeKernel()
	if kern == nil {
		x.do()
		y.do()
		return
	}
	xaT, xbT := checkArgs(x.TA, x.TB, x.M, x.N, x.K, x.A, x.Lda, x.B, x.Ldb, x.C, x.Ldc)
	yaT, ybT := checkArgs(y.TA, y.TB, y.M, y.N, y.K, y.A, y.Lda, y.B, y.Ldb, y.C, y.Ldc)
	simple := func(c *Call) bool {
		return c.M > 0 && c.N > 0 && c.K > 0 && c.Alpha != 0 && !thin(kern, c.M, c.N) && (c.Bias == nil || len(c.Bias) >= c.N)
	}
	pl := &thePool
	if !simple(x) || !simple(y) || !pl.mu.TryLock() {
		x.do()
		y.do()
		return
	}
	defer pl.mu.Unlock()
	if tm := timing.Load(); tm != nil {
		tm.products.v.Add(2)
	}
	wx, wy := shareWith(true, x.M, x.N, x.K), shareWith(true, y.M, y.N, y.K)
	px := newProblem(wx, kern, xaT, xbT, x.M, x.N, x.K, x.Alpha, x.A, x.Lda, x.B, x.Ldb, x.Beta, x.C, x.Ldc, x.Pre, x.Post, x.WholeRows, x.Bias)
	py := newProblem(wy, kern, yaT, ybT, y.M, y.N, y.K, y.Alpha, y.A, y.Lda, y.B, y.Ldb, y.Beta, y.C, y.Ldc, y.Pre, y.Post, y.WholeRows, y.Bias)
	nx, ny := px.tasks(), py.tasks()
	h := min(max(wx, wy), nx+ny) - 1
	if h == 0 {
		for t := 0; t < nx; t++ {
			px.runTask(t, &pl.ws)
		}
		for t := 0; t < ny; t++ {
			py.runTask(t, &pl.ws)
		}
		return
	}
	pl.prob[0], pl.prob[1] = px, py
	pl.split = int64(nx)
	pl.dispatch(nx+ny, h, &pl.ws)
	pl.prob[0], pl.prob[1] = problem{}, problem{}
}

// checkArgs panics, in gonum's order and with gonum's messages, on invalid
// arguments and reports whether A and B are transposed.
func checkArgs(tA, tB blas.Transpose, m, n, k int, a []float32, lda int, b []float32, ldb int, c []float32, ldc int) (aT, bT bool) {
	switch tA {
	case blas.NoTrans:
	case blas.Trans, blas.ConjTrans:
		aT = true
	default:
		panic(badTranspose)
	}
	switch tB {
	case blas.NoTrans:
	case blas.Trans, blas.ConjTrans:
		bT = true
	default:
		panic(badTranspose)
	}
	if m < 0 {
		panic(mLT0)
	}
	if n < 0 {
		panic(nLT0)
	}
	if k < 0 {
		panic(kLT0)
	}
	if (aT && lda < max(1, m)) || (!aT && lda < max(1, k)) {
		panic(badLdA)
	}
	if (bT && ldb < max(1, k)) || (!bT && ldb < max(1, n)) {
		panic(badLdB)
	}
	if ldc < max(1, n) {
		panic(badLdC)
	}
	if m == 0 || n == 0 {
		return aT, bT
	}
	if (aT && len(a) < (k-1)*lda+m) || (!aT && len(a) < (m-1)*lda+k) {
		panic(shortA)
	}
	if (bT && len(b) < (n-1)*ldb+k) || (!bT && len(b) < (k-1)*ldb+n) {
		panic(shortB)
	}
	if len(c) < (m-1)*ldc+n {
		panic(shortC)
	}
	return aT, bT
}

// fillBias copies bias, if not nil, into every row of the m×n C.
func fillBias(m, n int, bias, c []float32, ldc int) {
	if bias == nil {
		return
	}
	for i := 0; i < m; i++ {
		copy(c[i*ldc:i*ldc+n], bias[:n])
	}
}

// Sgemm1 computes one product described by a Call (see SgemmRect), with
// its Bias.
func Sgemm1(x *Call) { x.do() }

// scaleC sets C = beta*C; beta == 0 clears C (NaNs included).
func scaleC(m, n int, beta float32, c []float32, ldc int) {
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}
