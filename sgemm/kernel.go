package sgemm

import "sync/atomic"

// kernel describes a register-blocked micro-kernel and the packing widths
// it expects.
type kernel struct {
	name   string
	mr, nr int // register tile: mr rows of C by nr columns
	// packCost estimates the time to pack one element, in multiply-adds
	// (vector lanes) the kernel does meanwhile; it steers splitGrid.
	packCost int
	// tiles computes n vertically stacked mr×nr tiles of C:
	//
	//	C[p*mr+i, j] = alpha*Σ_l a[p*mr*kc+l*mr+i]*b[l*nr+j] + beta*C[p*mr+i, j]
	//
	// for p < n, i < mr, j < nr, with C[i, j] at c[i*ldc+j]. The sum runs
	// over l = 0..kc-1 in order, one fused multiply-add per term when the
	// hardware has FMA. beta == 0 means C is not read. Callers guarantee the
	// slices are long enough; assembly implementations do not check.
	tiles tilesFunc
	// tilesBias, when not nil, is tiles with beta*bias[j] (bias: the nr
	// values of the panel's columns) in place of beta*C[i, j], the same
	// arithmetic: a product that starts from a bias vector needs no copy
	// of it in every row of C.
	tilesBias biasFunc
	// tails, by increasing rows, compute one tile of rows×nr (rows < mr)
	// from an mr-high A panel and store its first h <= rows rows:
	// f(h, kc, a, b, c, ldc, alpha, beta). They save the wasted work of a
	// full tile at the bottom edge of C.
	tails []tail
}

type tilesFunc func(n, kc int, a, b, c []float32, ldc int, alpha, beta float32)

type biasFunc func(n, kc int, a, b, c []float32, ldc int, alpha, beta float32, bias []float32)

type tail struct {
	rows int
	f    tilesFunc
}

// tailFor returns the smallest tail kernel covering h rows, or nil.
func (k *kernel) tailFor(h int) tilesFunc {
	for _, t := range k.tails {
		if h <= t.rows {
			return t.f
		}
	}
	return nil
}

// kernels lists the kernels usable on this machine, best first. It is set
// by init in the architecture-specific files.
var kernels []*kernel

// forced overrides the kernel choice in tests: nil means kernels[0];
// fallbackKernel means "use gonum's Sgemm".
var forced atomic.Pointer[kernel]

// fallbackKernel is a sentinel selecting gonum's implementation.
var fallbackKernel = &kernel{name: "gonum"}

// activeKernel returns the kernel to use, or nil to fall back to gonum.
func activeKernel() *kernel {
	if k := forced.Load(); k != nil {
		if k == fallbackKernel {
			return nil
		}
		return k
	}
	if len(kernels) == 0 {
		return nil
	}
	return kernels[0]
}
