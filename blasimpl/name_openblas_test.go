//go:build openblas

package blasimpl

import (
	"runtime"
	"strings"
	"testing"
)

func TestOpenBLASBuildUsesOpenBLAS(t *testing.T) {
	if !strings.HasPrefix(Name, "OpenBLAS") {
		t.Errorf("openblas build uses %q", Name)
	}
}

// The OpenBLAS build keeps one P beyond its workers, so that a goroutine
// woken while both workers are inside OpenBLAS has somewhere to run.
func TestOpenBLASBuildSparesOneP(t *testing.T) {
	defer SetThreads(Threads())
	for _, n := range []int{1, 2, 3} {
		if got := SetThreads(n); got != n || Threads() != n {
			t.Fatalf("SetThreads(%d) = %d, Threads() = %d", n, got, Threads())
		}
		if p := runtime.GOMAXPROCS(0); p != n+1 {
			t.Fatalf("SetThreads(%d): GOMAXPROCS %d, want %d", n, p, n+1)
		}
	}
	if got := SetThreads(0); got != cores {
		t.Fatalf("SetThreads(0) = %d, want one per core (%d)", got, cores)
	}
}
