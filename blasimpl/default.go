//go:build !openblas

package blasimpl

import (
	"runtime"

	"gonum.org/v1/gonum/blas"

	"github.com/vaetop/vaetop/sgemm"
)

// Name describes the matrix-product implementation in use.
var Name = "vaetop sgemm (" + sgemm.KernelName() + ")"

func init() { sgemm.Use() }

// SgemmHere is blas32's Sgemm run on the calling goroutine alone, never on
// the worker pool that training uses (sgemm.SgemmHere).
func SgemmHere(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	sgemm.SgemmHere(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// SetThreads makes the matrix products and parallel passes use n threads
// (0: leave GOMAXPROCS, one per core, as it is) and returns the number in
// use. The pool's workers hold every P between products; they yield now
// and then so that other goroutines (the dashboard) still run.
func SetThreads(n int) int {
	if n > 0 {
		runtime.GOMAXPROCS(n)
	}
	return Threads()
}

// ShareThreads divides cores (0: GOMAXPROCS as it is) between runs that
// train at the same time in this process (vaetop compare): the scheduler
// keeps every core, and each product and parallel pass uses
// max(1, cores/runs) workers. It returns that per-run count, the cores,
// and a function that restores the previous settings.
//
// There is one worker pool per process (sgemm): a product that finds it
// owned by another run's product runs on its caller alone, so with one
// worker per run no run waits for another's helpers.
func ShareThreads(cores, runs int) (each, total int, restore func()) {
	prevProcs := runtime.GOMAXPROCS(0)
	if cores > 0 {
		runtime.GOMAXPROCS(cores)
	}
	total = runtime.GOMAXPROCS(0)
	each = max(1, total/max(runs, 1))
	prevWorkers := sgemm.SetWorkers(each)
	return each, total, func() {
		sgemm.SetWorkers(prevWorkers)
		runtime.GOMAXPROCS(prevProcs)
	}
}
