package nn

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	"github.com/vaetop/vaetop/blasimpl" // also installs the fast BLAS
	"github.com/vaetop/vaetop/par"
	"github.com/vaetop/vaetop/sgemm"
)

// fused reports whether a layer may hand its products to sgemm with hooks
// (SgemmRect) or in pairs (Sgemm2): sgemm is the installed BLAS (not
// OpenBLAS, not a test's stand-in) and here is not set.
func fused(here bool) bool {
	if here {
		return false
	}
	_, ok := blas32.Implementation().(sgemm.Implementation)
	return ok
}

// gemm computes C = alpha·op(A)·op(B) + beta·C on row-major slices through
// whatever BLAS blas32 currently uses, or, when here is set, on the calling
// goroutine alone (see Frozen).
func gemm(here bool, tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if here {
		blasimpl.SgemmHere(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	blas32.Implementation().Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// forChunks runs body.Chunk(i) for i in [0, chunks): on the worker pool
// (par.For), or, when here is set, on the calling goroutine in order. The
// bits are the same either way.
func forChunks(here bool, chunks int, body par.Chunker) {
	if here {
		for i := 0; i < chunks; i++ {
			body.Chunk(i)
		}
		return
	}
	par.For(chunks, body)
}
