package sgemm

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// TestSgemmHereStaysOnCaller checks that SgemmHere gives Sgemm's bits and
// never hands a product to the pool, even one big enough that Sgemm does.
func TestSgemmHereStaysOnCaller(t *testing.T) {
	if activeKernel() == nil {
		t.Skip("no assembly kernel: both run gonum's Sgemm")
	}
	old := runtime.GOMAXPROCS(2)
	defer runtime.GOMAXPROCS(old)
	SetWorkers(2)
	defer SetWorkers(0)
	rng := rand.New(rand.NewPCG(5, 6))
	for i, sh := range [][3]int{{128, 512, 784}, {64, 784, 256}, {3, 400, 32}} {
		g := newCase(rng, transposes[i%2], transposes[(i/2)%2], sh[0], sh[1], sh[2], 1, 0.5, i%2)
		want := g.run(Sgemm)
		before := thePool.gen.Load()
		got := g.run(SgemmHere)
		if n := thePool.gen.Load() - before; n != 0 {
			t.Errorf("%v: SgemmHere dispatched %d products to the pool", g, n)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%v: SgemmHere differs from Sgemm", g)
		}
	}
	// The check above can fail: Sgemm itself does use the pool here.
	g := newCase(rng, transposes[0], transposes[0], 128, 512, 784, 1, 0, 0)
	before := thePool.gen.Load()
	g.run(Sgemm)
	if thePool.gen.Load() == before {
		t.Fatal("Sgemm did not use the pool for a 128x512x784 product")
	}
}
