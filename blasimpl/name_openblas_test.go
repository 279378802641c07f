//go:build openblas

package blasimpl

import (
	"strings"
	"testing"
)

func TestOpenBLASBuildUsesOpenBLAS(t *testing.T) {
	if !strings.HasPrefix(Name, "OpenBLAS") {
		t.Errorf("openblas build uses %q", Name)
	}
}
