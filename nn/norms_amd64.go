//go:build !noasm

package nn

import "golang.org/x/sys/cpu"

// The gradient norms read all ~1M gradients every step; in scalar Go that
// was ~6% of a step. These kernels keep the sixteen interleaved float64
// sums of sumSquaresGo in vector lanes (two zmm or four ymm registers),
// with a separate multiply and add, so the sums are bit-identical.

//go:noescape
func sumSquaresAVX512(v []float32, acc *[16]float64)

//go:noescape
func sumSquaresAVX2(v []float32, acc *[16]float64)

// normWidth selects the kernel: 16 AVX-512, 8 AVX2, 0 pure Go.
var normWidth int

func init() { setNormKernel(cpu.X86.HasAVX512F, cpu.X86.HasAVX2) }

// setNormKernel picks the kernel for the given CPU features.
func setNormKernel(avx512, avx2 bool) {
	switch {
	case avx512:
		normWidth = 16
	case avx2:
		normWidth = 8
	default:
		normWidth = 0
	}
}

// sumSquaresVec runs the kernel over the longest prefix of v that is a
// multiple of 16 and returns its length.
func sumSquaresVec(v []float32, acc *[16]float64) int {
	n := len(v) &^ 15
	switch {
	case n == 0 || normWidth == 0:
		return 0
	case normWidth == 16:
		sumSquaresAVX512(v[:n], acc)
	default:
		sumSquaresAVX2(v[:n], acc)
	}
	return n
}
