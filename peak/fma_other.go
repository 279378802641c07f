//go:build !amd64 || noasm

package peak

// fmaKernels is empty: FMA is not measured without the assembly loops.
func fmaKernels() []fmaKernel { return nil }
