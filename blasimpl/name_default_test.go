//go:build !openblas

package blasimpl

import (
	"runtime"
	"strings"
	"testing"
)

func TestDefaultBuildUsesOurSgemm(t *testing.T) {
	if !strings.HasPrefix(Name, "vaetop sgemm") {
		t.Errorf("default build uses %q", Name)
	}
}

func TestDefaultBuildThreadsAreGOMAXPROCS(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, n := range []int{1, 3} {
		if got := SetThreads(n); got != n || runtime.GOMAXPROCS(0) != n {
			t.Fatalf("SetThreads(%d) = %d, GOMAXPROCS %d", n, got, runtime.GOMAXPROCS(0))
		}
	}
	if got := SetThreads(0); got != 3 {
		t.Fatalf("SetThreads(0) changed the thread count to %d", got)
	}
}
