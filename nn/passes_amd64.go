//go:build !noasm

package nn

import "golang.org/x/sys/cpu"

// Vector kernels for the layers' element-wise passes (passes_amd64.s). In
// scalar Go the bias-gradient pass with its ReLU mask cost ~6% of a step
// and the forward activation ~3%. The kernels reproduce colSumsGo and
// activateGo bit for bit: same per-column order of additions, no FMA.

//go:noescape
func colSumsAVX512(dy, y, db []float32, rows, stride int, slope float32, mask bool)

//go:noescape
func colSumsAVX2(dy, y, db []float32, rows, stride int, slope float32, mask bool)

//go:noescape
func activateAVX512(x []float32, slope float32)

//go:noescape
func activateAVX2(x []float32, slope float32)

// passWidth selects the kernels by vector width (16 AVX-512, 8 AVX2), 0
// for pure Go.
var passWidth int

func init() { setPassKernels(cpu.X86.HasAVX512F, cpu.X86.HasAVX2) }

// setPassKernels picks the kernels for the given CPU features (tests call
// it to exercise every variant the machine supports).
func setPassKernels(avx512, avx2 bool) {
	switch {
	case avx512:
		passWidth = 16
	case avx2:
		passWidth = 8
	default:
		passWidth = 0
	}
}

// colSumsStrip is colSumsGo with the whole vectors of columns in assembly.
func colSumsStrip(dy, y, db []float32, rows, stride int, slope float32, mask bool) {
	n := 0
	if passWidth != 0 && rows > 0 {
		n = len(db) / passWidth * passWidth
		if n > 0 {
			// The kernel reads rows×stride elements from dy (and y): check.
			_ = dy[(rows-1)*stride+n-1]
			if mask {
				_ = y[(rows-1)*stride+n-1]
			} else {
				y = dy
			}
			if passWidth == 16 {
				colSumsAVX512(dy, y, db[:n], rows, stride, slope, mask)
			} else {
				colSumsAVX2(dy, y, db[:n], rows, stride, slope, mask)
			}
		}
	}
	if n < len(db) {
		if mask {
			y = y[n:]
		}
		colSumsGo(dy[n:], y, db[n:], rows, stride, slope, mask)
	}
}

// activateVec is activateGo with the whole vectors in assembly.
func activateVec(x []float32, slope float32) {
	n := 0
	if passWidth != 0 {
		n = len(x) / passWidth * passWidth
		switch {
		case n == 0:
		case passWidth == 16:
			activateAVX512(x[:n], slope)
		default:
			activateAVX2(x[:n], slope)
		}
	}
	activateGo(x[n:], slope)
}
