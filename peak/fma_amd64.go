//go:build amd64 && !noasm

package peak

import "golang.org/x/sys/cpu"

// fmaZMM runs iters iterations of fmaPerIter VFMADD231PS acc += x·x over
// fmaChains ZMM accumulators (zeroed first) and stores their sum to out.
//
//go:noescape
func fmaZMM(iters int, x float32, out *[16]float32)

// fmaYMM is fmaZMM on YMM registers.
//
//go:noescape
func fmaYMM(iters int, x float32, out *[8]float32)

// x/sys/cpu reports AVX-512F and AVX2/FMA only when the OS also saves the
// wide registers (XCR0), so these suffice.
var (
	hasFMA256 = cpu.X86.HasAVX && cpu.X86.HasAVX2 && cpu.X86.HasFMA
	hasFMA512 = hasFMA256 && cpu.X86.HasAVX512F
)

// fmaKernels lists the FMA loops this CPU runs, widest first.
func fmaKernels() []fmaKernel {
	var ks []fmaKernel
	if hasFMA512 {
		ks = append(ks, fmaKernel{width: 512, run: runZMM})
	}
	if hasFMA256 {
		ks = append(ks, fmaKernel{width: 256, run: runYMM})
	}
	return ks
}

func runZMM(iters int, x float32) float64 {
	var out [16]float32
	fmaZMM(iters, x, &out)
	return sumLanes(out[:])
}

func runYMM(iters int, x float32) float64 {
	var out [8]float32
	fmaYMM(iters, x, &out)
	return sumLanes(out[:])
}

func sumLanes(v []float32) float64 {
	s := 0.0
	for _, f := range v {
		s += float64(f)
	}
	return s
}
