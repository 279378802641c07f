package sgemm

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// TestDeterministicAcrossWorkers checks that results are bit-identical
// whatever the number of workers: GOMAXPROCS 1 and 2, and forced worker
// counts that produce other task grids.
func TestDeterministicAcrossWorkers(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	shapes := [][3]int{{128, 512, 784}, {128, 784, 512}, {784, 512, 128}, {128, 64, 256}, {96, 256, 32}, {1000, 256, 512}, {77, 131, 333}}
	for _, kern := range testKernels() {
		withKernel(kern, func() {
			for i, sh := range shapes {
				m, n, k := sh[0], sh[1], sh[2]
				g := newCase(rng, transposes[i%2], transposes[(i/2)%2], m, n, k, 1, 0.5, i%2)
				old := runtime.GOMAXPROCS(1)
				want := g.run(Sgemm)
				runtime.GOMAXPROCS(2)
				got := g.run(Sgemm)
				runtime.GOMAXPROCS(old)
				if !slices.Equal(got, want) {
					t.Fatalf("%s %v: GOMAXPROCS 1 and 2 differ", kern.name, g)
				}
				for _, w := range []int{3, 4, 7} {
					SetWorkers(w)
					got := g.run(Sgemm)
					SetWorkers(0)
					if !slices.Equal(got, want) {
						t.Fatalf("%s %v: %d workers differ from 1", kern.name, g, w)
					}
				}
			}
		})
	}
}

// TestKernelsBitIdentical checks that the AVX2 and AVX-512 kernels, which
// share the k-blocking and the per-element FMA chain, give identical bits.
func TestKernelsBitIdentical(t *testing.T) {
	if len(kernels) < 2 {
		t.Skip("fewer than two assembly kernels on this CPU")
	}
	rng := rand.New(rand.NewPCG(23, 24))
	for i, sh := range [][3]int{{128, 512, 784}, {784, 256, 128}, {37, 91, 700}, {5, 3, 1}, {100, 12, 300}, {300, 9, 40}} {
		g := newCase(rng, transposes[i%2], transposes[(i/2)%2], sh[0], sh[1], sh[2], 0.5, -2, 1)
		var want []float32
		for _, kern := range kernels {
			var got []float32
			withKernel(kern, func() { got = g.run(Sgemm) })
			if want == nil {
				want = got
			} else if !slices.Equal(got, want) {
				t.Fatalf("%v: %s differs from %s", g, kern.name, kernels[0].name)
			}
		}
	}
}

// TestRepeatable checks that repeated parallel runs give identical bits.
func TestRepeatable(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	g := newCase(rng, blas.NoTrans, blas.Trans, 128, 784, 512, 1, 0, 0)
	want := g.run(Sgemm)
	for i := 0; i < 20; i++ {
		if got := g.run(Sgemm); !slices.Equal(got, want) {
			t.Fatalf("run %d differs", i)
		}
	}
}
