package sgemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// TestBias checks that a product with Call.Bias gives the bits of copying
// the bias into every row of C and calling Sgemm, with every kernel (and
// gonum's fallback), alone and in pairs, for shapes with edge tiles,
// several k-blocks, a thin C, and alpha 0 or k 0.
func TestBias(t *testing.T) {
	defer SetWorkers(SetWorkers(3))
	rng := rand.New(rand.NewPCG(3, 4))
	shapes := [][3]int{{128, 784, 512}, {128, 64, 256}, {37, 45, 700}, {5, 7, 3}, {128, 8, 300}, {13, 32, 0}}
	ks := append(testKernels(), fallbackKernel)
	for _, k := range ks {
		for _, sh := range shapes {
			for _, beta := range []float32{1, 0.5, 0} {
				for _, alpha := range []float32{1, 0} {
					name := fmt.Sprintf("%s %v alpha %g beta %g", k.name, sh, alpha, beta)
					for _, tr := range []blas.Transpose{blas.NoTrans, blas.Trans} {
						g := newCase(rng, tr, blas.NoTrans, sh[0], sh[1], sh[2], alpha, beta, 3)
						bias := randSlice(rng, g.n+2)
						want := append([]float32(nil), g.c...)
						fillBias(g.m, g.n, bias, want, g.ldc)
						withKernel(k, func() {
							Sgemm(g.tA, g.tB, g.m, g.n, g.k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, want, g.ldc)
						})
						call := func() *Call {
							return &Call{TA: g.tA, TB: g.tB, M: g.m, N: g.n, K: g.k, Alpha: g.alpha, A: g.a, Lda: g.lda,
								B: g.b, Ldb: g.ldb, Beta: g.beta, C: append([]float32(nil), g.c...), Ldc: g.ldc, Bias: bias}
						}
						same := func(what string, got []float32) {
							t.Helper()
							for i := range want {
								if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
									t.Fatalf("%s %s: c[%d] = %g, want %g", name, what, i, got[i], want[i])
								}
							}
						}
						withKernel(k, func() {
							x := call()
							Sgemm1(x)
							same("Sgemm1", x.C)
							x, y := call(), call()
							Sgemm2(x, y)
							same("Sgemm2 x", x.C)
							same("Sgemm2 y", y.C)
						})
					}
				}
			}
		}
	}
}
