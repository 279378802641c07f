package sgemm

import (
	"math/rand/v2"
	"testing"
)

// TestPacking checks both packing routines (and their assembly fast paths)
// against a direct definition of the packed layout, zero padding included.
func TestPacking(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	for _, w := range []int{2, 4, 6, 8, 12, 16, 32} {
		for _, kl := range []int{1, 7, 8, 9, 16, 33} {
			for _, xs := range []int{w, 2*w + 3, 1} {
				x0, k0 := 2, 3
				x1 := x0 + xs
				panels := (xs + w - 1) / w
				ld := max(x1, k0+kl) + 5
				src := randSlice(rng, ld*ld)
				for _, kc := range []bool{false, true} {
					d := make([]float32, panels*w*kl)
					for i := range d {
						d[i] = -99
					}
					if kc {
						packKContig(d, src, ld, x0, x1, k0, kl, w)
					} else {
						packXContig(d, src, ld, x0, x1, k0, kl, w)
					}
					for p := 0; p < panels; p++ {
						for l := 0; l < kl; l++ {
							for r := 0; r < w; r++ {
								x := x0 + p*w + r
								want := float32(0)
								if x < x1 {
									if kc {
										want = src[x*ld+k0+l]
									} else {
										want = src[(k0+l)*ld+x]
									}
								}
								if got := d[p*w*kl+l*w+r]; got != want {
									t.Fatalf("w=%d kl=%d xs=%d kcontig=%v: panel %d l=%d r=%d: %v, want %v", w, kl, xs, kc, p, l, r, got, want)
								}
							}
						}
					}
				}
			}
		}
	}
}
