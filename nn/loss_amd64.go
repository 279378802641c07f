//go:build !noasm

package nn

import (
	"math"

	"golang.org/x/sys/cpu"
)

// The fused sigmoid + BCE pass runs on every output pixel of every batch
// (100k per step) and took ~14% of a step in scalar Go, much of it in
// mispredicted branches on the sign of the logit. These kernels compute 16
// (AVX-512) or 8 (AVX2) pixels at a time with exactly the float32
// operations of sigmoidBCEGo — same polynomials, same order, no FMA, selects
// instead of branches — and write each pixel's loss term to a small buffer
// that Go then adds in float64 in pixel order, so loss, x̂ and gradient are
// bit-identical to the Go code (for the default GOAMD64=v1 build, where Go
// does not fuse multiply-adds either).

// bceConsts holds the kernels' constants, each broadcast over 16 lanes; the
// assembly reads them by row (see the #defines in loss_amd64.s).
type bceConsts [bceNConsts][16]uint32

const bceNConsts = 23

var bceTable = func() *bceConsts {
	f := func(v float32) uint32 { return math.Float32bits(v) }
	vals := [bceNConsts]uint32{
		0x7fffffff, f(log2e), f(0.5), f(ln2Hi), f(ln2Lo),
		f(1.0 / 5040), f(1.0 / 720), f(1.0 / 120), f(1.0 / 24), f(1.0 / 6), f(1.0 / 2), f(1),
		127, f(expCutoff), f(2),
		f(1.0 / 13), f(1.0 / 11), f(1.0 / 9), f(1.0 / 7), f(1.0 / 5), f(1.0 / 3),
		f(-logClamp), 0,
	}
	var c bceConsts
	for i, v := range vals {
		for j := range c[i] {
			c[i][j] = v
		}
	}
	return &c
}()

//go:noescape
func sigmoidBCEAVX512(c *bceConsts, l, x, p, dl, scratch []float32, s float64) float64

//go:noescape
func sigmoidBCEAVX2(c *bceConsts, l, x, p, dl, scratch []float32, s float64) float64

// bceWidth selects the kernel by its vector width, 0 for none. A direct
// call (not a func value) lets the scratch buffer stay on the stack.
var bceWidth int

func init() { setBCEKernel(cpu.X86.HasAVX512F, cpu.X86.HasAVX2) }

// setBCEKernel picks the kernel for the given CPU features (tests call it
// to exercise every variant the machine supports).
func setBCEKernel(avx512, avx2 bool) {
	switch {
	case avx512:
		bceWidth = 16
	case avx2:
		bceWidth = 8
	default:
		bceWidth = 0
	}
}

// sigmoidBCE runs the kernel over the whole vectors and Go over the
// remainder; dl is nil or as long as l. The kernels add each pixel's term
// to the sum themselves, in pixel order (each vector's terms pass through
// 16 float64s of scratch), so that chain of adds runs beside the next
// pixels' work instead of after it.
func sigmoidBCE(l, x, p, dl []float32) float64 {
	var s float64
	i := 0
	if bceWidth != 0 {
		var scratch [32]float32
		n := len(l) / bceWidth * bceWidth
		var d []float32
		if dl != nil {
			d = dl[:n]
		}
		if bceWidth == 16 {
			s = sigmoidBCEAVX512(bceTable, l[:n], x[:n], p[:n], d, scratch[:], s)
		} else {
			s = sigmoidBCEAVX2(bceTable, l[:n], x[:n], p[:n], d, scratch[:], s)
		}
		i = n
	}
	var d []float32
	if dl != nil {
		d = dl[i:]
	}
	return sigmoidBCEGo(l[i:], x[i:], p[i:], d, s)
}
