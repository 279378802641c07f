//go:build openblas

package blasimpl

// #cgo LDFLAGS: -lopenblas
// void openblas_set_num_threads(int);
import "C"

import (
	"runtime"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/netlib/blas/netlib"

	"github.com/vaetop/vaetop/sgemm"
)

// Name describes the matrix-product implementation in use.
var Name = "OpenBLAS (gonum/netlib, cgo)"

// At this model's sizes (batch 128) OpenBLAS's own threads spend a fifth of
// the time handing work over (sched_yield); one OpenBLAS thread per core,
// each given a band of C's rows by our worker pool, runs 1.5x faster.
func init() {
	C.openblas_set_num_threads(1)
	blas32.Use(openBLAS{})
}

// openBLAS is netlib's OpenBLAS binding with Sgemm split by rows of C over
// the worker pool. Every element of C is still one OpenBLAS call's sum over
// all of k, so results depend only on the number of bands (the thread
// count), never on scheduling.
type openBLAS struct{ netlib.Implementation }

// minSplit is the size (multiply-adds) below which a product is not split.
const minSplit = 1 << 18

type bandTask struct {
	mu             sync.Mutex
	tA, tB         blas.Transpose
	m, n, k, bands int
	alpha, beta    float32
	a, b, c        []float32
	lda, ldb, ldc  int
}

var band bandTask

func (o openBLAS) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	bands := min(runtime.GOMAXPROCS(0), m/16)
	if bands < 2 || m*n*k < minSplit || !band.mu.TryLock() {
		netlib.Implementation{}.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	band.tA, band.tB, band.m, band.n, band.k, band.bands = tA, tB, m, n, k, bands
	band.alpha, band.beta, band.a, band.b, band.c = alpha, beta, a, b, c
	band.lda, band.ldb, band.ldc = lda, ldb, ldc
	sgemm.For(bands, &band)
	band.a, band.b, band.c = nil, nil, nil
	band.mu.Unlock()
}

// Chunk multiplies band i of C's rows.
func (t *bandTask) Chunk(i int) {
	lo, hi := t.m*i/t.bands, t.m*(i+1)/t.bands
	var a []float32
	if t.tA == blas.NoTrans {
		a = t.a[lo*t.lda:] // rows of A
	} else {
		a = t.a[lo:] // columns of the stored Aᵀ
	}
	netlib.Implementation{}.Sgemm(t.tA, t.tB, hi-lo, t.n, t.k, t.alpha, a, t.lda, t.b, t.ldb, t.beta, t.c[lo*t.ldc:], t.ldc)
}
