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
	kern := activeKernel()
	if kern == nil {
		gonum.Implementation{}.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	aT, bT := checkArgs(tA, tB, m, n, k, a, lda, b, ldb, c, ldc)
	if m == 0 || n == 0 {
		return
	}
	if alpha == 0 || k == 0 {
		if beta != 1 {
			scaleC(m, n, beta, c, ldc)
		}
		return
	}
	run(pool, kern, aT, bT, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
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
