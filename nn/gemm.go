package nn

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"

	_ "github.com/vaetop/vaetop/blasimpl" // installs the fast BLAS
	"github.com/vaetop/vaetop/sgemm"
)

// The element-wise passes run on sgemm's worker pool (package par), whose
// helpers spin between jobs so that the next product or pass starts at
// once. When another BLAS does the products (-tags openblas), that spinning
// only takes cores from its threads: park the helpers at once instead.
func init() {
	if _, ok := blas32.Implementation().(sgemm.Implementation); !ok {
		sgemm.SetSpin(0)
	}
}

// gemm computes C = alpha·op(A)·op(B) + beta·C on row-major slices through
// whatever BLAS blas32 currently uses.
func gemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	blas32.Implementation().Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}
