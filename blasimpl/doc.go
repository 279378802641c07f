// Package blasimpl chooses the BLAS behind gonum's blas32 for the whole
// program at init: vaetop's own AVX2/AVX-512 sgemm (pure Go and assembly,
// the default build), or OpenBLAS through gonum.org/v1/netlib when built
// with -tags openblas (cgo, Debian's libopenblas-dev).
package blasimpl
