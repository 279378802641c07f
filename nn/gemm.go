package nn

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	_ "github.com/vaetop/vaetop/blasimpl" // installs the fast BLAS
)

// gemm computes C = alpha·op(A)·op(B) + beta·C on row-major slices through
// whatever BLAS blas32 currently uses.
func gemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	blas32.Implementation().Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}
