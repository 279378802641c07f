package sgemm

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// TestZeroAllocs checks that calls allocate nothing once the worker pool
// and buffers are warm, serial and parallel, for every kernel.
func TestZeroAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	rng := rand.New(rand.NewPCG(41, 42))
	for _, kern := range testKernels() {
		withKernel(kern, func() {
			for i, sh := range [][3]int{{128, 512, 784}, {784, 512, 128}, {128, 784, 512}, {128, 64, 256}, {3, 5, 7}, {1000, 64, 256}, {256, 4, 128}} {
				g := newCase(rng, transposes[i%2], transposes[(i/2)%2], sh[0], sh[1], sh[2], 1, 0.5, 0)
				c := append([]float32(nil), g.c...)
				call := func() {
					Sgemm(g.tA, g.tB, g.m, g.n, g.k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, c, g.ldc)
				}
				for _, procs := range []int{1, 2} {
					old := runtime.GOMAXPROCS(procs)
					call()
					if n := testing.AllocsPerRun(20, call); n != 0 {
						t.Errorf("%s %v GOMAXPROCS=%d: %v allocs per call", kern.name, g, procs, n)
					}
					runtime.GOMAXPROCS(old)
				}
			}
		})
	}
}

// TestConcurrentCallers checks products issued from several goroutines at
// once (one owns the pool, the others run on their own goroutine).
func TestConcurrentCallers(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	var cases []*gemmCase
	var wants [][]float32
	for i := 0; i < 6; i++ {
		g := newCase(rng, transposes[i%2], blas.NoTrans, 100+i*7, 90+i*5, 200, 1, 0, 0)
		cases = append(cases, g)
		wants = append(wants, g.run(Sgemm))
	}
	var wg sync.WaitGroup
	for i, g := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 10; r++ {
				got := g.run(Sgemm)
				for j := range got {
					if got[j] != wants[i][j] {
						t.Errorf("%v: concurrent result differs at %d", g, j)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
