package sgemm

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestFallback forces the gonum path (as on a CPU without AVX2+FMA) and
// checks that it is exactly gonum's result.
func TestFallback(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	withKernel(fallbackKernel, func() {
		if activeKernel() != nil {
			t.Fatal("fallback not selected")
		}
		for i, sh := range [][3]int{{7, 9, 11}, {128, 64, 256}, {70, 33, 65}} {
			g := newCase(rng, transposes[i%2], transposes[(i/2)%2], sh[0], sh[1], sh[2], 0.5, -2, 1)
			if got, want := g.run(Sgemm), g.run(gonumSgemm); !slices.Equal(got, want) {
				t.Fatalf("%v: fallback differs from gonum", g)
			}
		}
	})
}
