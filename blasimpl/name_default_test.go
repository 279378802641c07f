//go:build !openblas

package blasimpl

import (
	"strings"
	"testing"
)

func TestDefaultBuildUsesOurSgemm(t *testing.T) {
	if !strings.HasPrefix(Name, "vaetop sgemm") {
		t.Errorf("default build uses %q", Name)
	}
}
