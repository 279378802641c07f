//go:build !noasm

package nn

import "golang.org/x/sys/cpu"

// Adam's update is one pass over 7 float32 streams of ~1M elements every
// step; scalar Go spent ~14% of a step there. These kernels do 16 (AVX-512)
// or 8 (AVX2) elements at a time with exactly the operations of adamGo —
// separate multiplies and adds (no FMA), IEEE VSQRTPS and VDIVPS, the same
// flush of tiny moments — so the weights stay bit-identical.

//go:noescape
func adamAVX512(k *adamConsts, w, g, m, v []float32)

//go:noescape
func adamAVX2(k *adamConsts, w, g, m, v []float32)

// adamKernel processes a prefix of w whose length is a multiple of
// adamWidth; nil means pure Go.
var (
	adamKernel func(k *adamConsts, w, g, m, v []float32)
	adamWidth  int
)

func init() { setAdamKernel(cpu.X86.HasAVX512F, cpu.X86.HasAVX2) }

// setAdamKernel picks the kernel for the given CPU features (tests call it
// to exercise every variant the machine supports).
func setAdamKernel(avx512, avx2 bool) {
	switch {
	case avx512:
		adamKernel, adamWidth = adamAVX512, 16
	case avx2:
		adamKernel, adamWidth = adamAVX2, 8
	default:
		adamKernel, adamWidth = nil, 0
	}
}

// adamChunk updates one chunk of the parameters (see adamGo): the vector
// kernel for the bulk, Go for the remainder.
func adamChunk(k *adamConsts, w, g, m, v []float32) {
	n := 0
	if adamKernel != nil {
		n = len(w) / adamWidth * adamWidth
		if n > 0 {
			adamKernel(k, w[:n], g[:n], m[:n], v[:n])
		}
	}
	adamGo(k, w[n:], g[n:], m[n:], v[n:])
}
