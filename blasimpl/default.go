//go:build !openblas

package blasimpl

import "github.com/vaetop/vaetop/sgemm"

// Name describes the matrix-product implementation in use.
var Name = "vaetop sgemm (" + sgemm.KernelName() + ")"

func init() { sgemm.Use() }
