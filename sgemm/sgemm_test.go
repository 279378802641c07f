package sgemm

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/gonum"
)

var scalars = []float32{0, 1, 0.5, -2}

// TestSmallShapes compares every kernel with a float64 reference (and gonum
// with the same bound) on random small shapes: all transposes, odd sizes
// around the tile sizes, padded leading dimensions, alpha and beta in
// {0, 1, 0.5, -2}.
func TestSmallShapes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := []int{1, 2, 3, 5, 6, 7, 11, 12, 13, 16, 17, 31, 32, 33, 47, 63, 65, 70}
	iters := 300
	if testing.Short() || raceEnabled {
		iters = 60
	}
	for _, kern := range testKernels() {
		t.Run(kern.name, func(t *testing.T) {
			withKernel(kern, func() {
				for it := 0; it < iters; it++ {
					m := sizes[rng.IntN(len(sizes))]
					n := sizes[rng.IntN(len(sizes))]
					k := sizes[rng.IntN(len(sizes))]
					if it%3 == 0 {
						m, n, k = 1+rng.IntN(70), 1+rng.IntN(70), 1+rng.IntN(70)
					}
					tA, tB := transposes[it%2], transposes[(it/2)%2]
					alpha := scalars[rng.IntN(len(scalars))]
					beta := scalars[rng.IntN(len(scalars))]
					g := newCase(rng, tA, tB, m, n, k, alpha, beta, rng.IntN(3)*5)
					g.check(t, kern.name, g.run(Sgemm))
					g.check(t, "gonum", g.run(gonumSgemm))
				}
			})
		})
	}
}

// TestTrainingShapes checks the VAE trainer's products (batches 128, 96,
// 1000 and 1) with every kernel against the float64 reference.
func TestTrainingShapes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pairs := [][2]int{{784, 512}, {512, 256}, {256, 64}, {32, 256}, {256, 512}, {512, 784}, {256, 4}, {2, 256}}
	batches := []int{128, 1}
	if !testing.Short() && !raceEnabled {
		batches = append(batches, 96, 1000)
	}
	for _, bs := range batches {
		for _, pr := range pairs {
			in, out := pr[0], pr[1]
			if bs == 1000 && in*out > 256*256 {
				continue // keep the float64 reference affordable
			}
			for _, g := range []*gemmCase{
				newCase(rng, blas.NoTrans, blas.NoTrans, bs, out, in, 1, 0, 0),
				newCase(rng, blas.NoTrans, blas.Trans, bs, in, out, 1, 0, 0),
				newCase(rng, blas.Trans, blas.NoTrans, in, out, bs, 1, 1, 0),
			} {
				ref := g.reference()
				for _, kern := range testKernels() {
					withKernel(kern, func() { g.checkRef(t, kern.name, g.run(Sgemm), ref) })
				}
			}
		}
	}
}

// TestAgainstGonum compares directly with gonum's Sgemm, on shapes big
// enough to be split into several tasks, with a tolerance of twice the
// bound each result has from the exact one.
func TestAgainstGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for it := 0; it < 40; it++ {
		m, n, k := 1+rng.IntN(300), 1+rng.IntN(300), 1+rng.IntN(700)
		g := newCase(rng, transposes[it%2], transposes[(it/2)%2], m, n, k, scalars[1+it%3], scalars[it%4], it%2)
		got, want := g.run(Sgemm), g.run(gonumSgemm)
		// |a|, |b|, |c| <= 1: each result is within (k+4)·eps·(|alpha|k+|beta|)
		// of the exact one.
		tol := 2 * float64(k+4) / (1 << 23) * (math.Abs(float64(g.alpha))*float64(k) + math.Abs(float64(g.beta)))
		for i := range got {
			if d := math.Abs(float64(got[i] - want[i])); d > tol {
				t.Fatalf("%v: element %d = %v, gonum %v", g, i, got[i], want[i])
			}
		}
	}
}

// TestBetaZeroOverwritesNaN checks that beta == 0 ignores C's contents and
// that alpha == 0 or k == 0 only scale C.
func TestBetaZeroOverwritesNaN(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	nan := float32(math.NaN())
	for _, kern := range testKernels() {
		withKernel(kern, func() {
			for _, sz := range [][3]int{{5, 7, 3}, {128, 64, 256}, {13, 33, 0}} {
				m, n, k := sz[0], sz[1], sz[2]
				for _, alpha := range []float32{0, 1.5} {
					g := newCase(rng, blas.NoTrans, blas.NoTrans, m, n, k, alpha, 0, 0)
					for i := range g.c {
						g.c[i] = nan
					}
					got := g.run(Sgemm)
					for i, v := range got {
						if v != v {
							t.Fatalf("%s %v: C[%d] is NaN", kern.name, g, i)
						}
					}
					g.c = make([]float32, len(g.c)) // reference with a clean C
					g.check(t, kern.name, got)
				}
			}
			g := newCase(rng, blas.Trans, blas.NoTrans, 9, 10, 0, 2, -2, 1)
			g.check(t, kern.name, g.run(Sgemm))
			g = newCase(rng, blas.Trans, blas.NoTrans, 9, 10, 4, 0, 0.5, 1)
			g.check(t, kern.name, g.run(Sgemm))
		})
	}
}

// TestConjTrans checks that ConjTrans means Trans.
func TestConjTrans(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	g := newCase(rng, blas.ConjTrans, blas.ConjTrans, 20, 30, 40, 1, 0.5, 2)
	g.tA, g.tB = blas.Trans, blas.Trans
	want := g.run(Sgemm)
	g.tA, g.tB = blas.ConjTrans, blas.ConjTrans
	got := g.run(Sgemm)
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("C[%d]: ConjTrans %v, Trans %v", i, got[i], want[i])
		}
	}
}

// TestPanics checks that invalid arguments panic with gonum's messages.
func TestPanics(t *testing.T) {
	s := make([]float32, 100)
	cases := []struct {
		name string
		f    func(func(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int))
	}{
		{"transA", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f('x', blas.NoTrans, 2, 2, 2, 1, s, 2, s, 2, 0, s, 2)
		}},
		{"transB", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.NoTrans, 'x', 2, 2, 2, 1, s, 2, s, 2, 0, s, 2)
		}},
		{"m<0", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.NoTrans, blas.NoTrans, -1, 2, 2, 1, s, 2, s, 2, 0, s, 2)
		}},
		{"n<0", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.NoTrans, blas.NoTrans, 2, -1, 2, 1, s, 2, s, 2, 0, s, 2)
		}},
		{"k<0", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.NoTrans, blas.NoTrans, 2, 2, -1, 1, s, 2, s, 2, 0, s, 2)
		}},
		{"lda", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.NoTrans, blas.NoTrans, 2, 3, 4, 1, s, 3, s, 3, 0, s, 3)
		}},
		{"ldaT", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.Trans, blas.NoTrans, 5, 3, 4, 1, s, 4, s, 3, 0, s, 3)
		}},
		{"ldb", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.NoTrans, blas.NoTrans, 2, 3, 4, 1, s, 4, s, 2, 0, s, 3)
		}},
		{"ldbT", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.NoTrans, blas.Trans, 2, 3, 4, 1, s, 4, s, 3, 0, s, 3)
		}},
		{"ldc", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.NoTrans, blas.NoTrans, 2, 3, 4, 1, s, 4, s, 3, 0, s, 2)
		}},
		{"shortA", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.NoTrans, blas.NoTrans, 20, 3, 6, 1, s, 6, s, 3, 0, s, 3)
		}},
		{"shortB", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.NoTrans, blas.NoTrans, 2, 30, 6, 1, s, 6, s, 30, 0, make([]float32, 60), 30)
		}},
		{"shortC", func(f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)) {
			f(blas.NoTrans, blas.NoTrans, 11, 10, 2, 1, s, 2, s, 10, 0, s, 10)
		}},
	}
	catch := func(f func()) (msg any) {
		defer func() { msg = recover() }()
		f()
		return nil
	}
	for _, c := range cases {
		want := catch(func() { c.f(gonumSgemm) })
		got := catch(func() { c.f(Sgemm) })
		if want == nil || got != want {
			t.Errorf("%s: panic %v, gonum panics %v", c.name, got, want)
		}
	}
}

// TestImplementation checks the blas32 drop-in.
func TestImplementation(t *testing.T) {
	Use()
	defer blas32.Use(gonum.Implementation{})
	rng := rand.New(rand.NewPCG(11, 12))
	g := newCase(rng, blas.NoTrans, blas.Trans, 40, 50, 60, 1, 0, 0)
	c := append([]float32(nil), g.c...)
	blas32.Gemm(blas.NoTrans, blas.Trans, 1,
		blas32.General{Rows: 40, Cols: 60, Stride: g.lda, Data: g.a},
		blas32.General{Rows: 50, Cols: 60, Stride: g.ldb, Data: g.b},
		0, blas32.General{Rows: 40, Cols: 50, Stride: g.ldc, Data: c})
	g.check(t, "blas32", c)
	var _ blas.Float32 = Implementation{}
}
