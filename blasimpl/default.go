//go:build !openblas

package blasimpl

import (
	"runtime"

	"github.com/vaetop/vaetop/sgemm"
)

// Name describes the matrix-product implementation in use.
var Name = "vaetop sgemm (" + sgemm.KernelName() + ")"

func init() { sgemm.Use() }

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
