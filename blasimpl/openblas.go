//go:build openblas

package blasimpl

// #cgo LDFLAGS: -lopenblas
import "C"

import (
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/netlib/blas/netlib"
)

// Name describes the matrix-product implementation in use.
var Name = "OpenBLAS (gonum/netlib, cgo)"

func init() { blas32.Use(netlib.Implementation{}) }
