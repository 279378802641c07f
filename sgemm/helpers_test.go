package sgemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// gemmCase is one Sgemm call's arguments.
type gemmCase struct {
	tA, tB        blas.Transpose
	m, n, k       int
	alpha, beta   float32
	lda, ldb, ldc int
	a, b, c       []float32
}

func (g *gemmCase) String() string {
	return fmt.Sprintf("%c%c m=%d n=%d k=%d alpha=%g beta=%g lda=%d ldb=%d ldc=%d",
		g.tA, g.tB, g.m, g.n, g.k, g.alpha, g.beta, g.lda, g.ldb, g.ldc)
}

// newCase builds random operands; pad adds that many unused columns to
// each leading dimension.
func newCase(rng *rand.Rand, tA, tB blas.Transpose, m, n, k int, alpha, beta float32, pad int) *gemmCase {
	g := &gemmCase{tA: tA, tB: tB, m: m, n: n, k: k, alpha: alpha, beta: beta}
	ar, ac := m, k
	if tA != blas.NoTrans {
		ar, ac = k, m
	}
	br, bc := k, n
	if tB != blas.NoTrans {
		br, bc = n, k
	}
	g.lda, g.ldb, g.ldc = max(1, ac)+pad, max(1, bc)+pad, max(1, n)+pad
	g.a = randSlice(rng, max(0, (ar-1)*g.lda+ac))
	g.b = randSlice(rng, max(0, (br-1)*g.ldb+bc))
	g.c = randSlice(rng, max(0, (m-1)*g.ldc+n))
	return g
}

func randSlice(rng *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = 2*rng.Float32() - 1
	}
	return s
}

// run calls f on a copy of C and returns the copy.
func (g *gemmCase) run(f func(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int)) []float32 {
	c := append([]float32(nil), g.c...)
	f(g.tA, g.tB, g.m, g.n, g.k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, c, g.ldc)
	return c
}

func (g *gemmCase) opA(i, l int) float64 {
	if g.tA == blas.NoTrans {
		return float64(g.a[i*g.lda+l])
	}
	return float64(g.a[l*g.lda+i])
}

func (g *gemmCase) opB(l, j int) float64 {
	if g.tB == blas.NoTrans {
		return float64(g.b[l*g.ldb+j])
	}
	return float64(g.b[j*g.ldb+l])
}

// reference holds the exact (float64) result of a case and the float32
// error bound of each element.
type reference struct{ want, tol []float64 }

// reference computes op(A)·op(B) in float64, with the bound
// (k+4)·eps·(|alpha|Σ|a||b| + |beta c|) on each element's error.
func (g *gemmCase) reference() reference {
	const eps = 1.0 / (1 << 23)
	// Dense float64 copies of op(A) (m×k) and op(B)ᵀ (n×k).
	oa := make([]float64, g.m*g.k)
	ob := make([]float64, g.n*g.k)
	for i := 0; i < g.m; i++ {
		for l := 0; l < g.k; l++ {
			oa[i*g.k+l] = g.opA(i, l)
		}
	}
	for j := 0; j < g.n; j++ {
		for l := 0; l < g.k; l++ {
			ob[j*g.k+l] = g.opB(l, j)
		}
	}
	r := reference{make([]float64, g.m*g.n), make([]float64, g.m*g.n)}
	for i := 0; i < g.m; i++ {
		ra := oa[i*g.k : i*g.k+g.k]
		for j := 0; j < g.n; j++ {
			rb := ob[j*g.k : j*g.k+g.k]
			var sum, mag float64
			for l, x := range ra {
				p := x * rb[l]
				sum += p
				mag += math.Abs(p)
			}
			want := float64(g.alpha) * sum
			scale := math.Abs(float64(g.alpha)) * mag
			if g.beta != 0 {
				bc := float64(g.beta) * float64(g.c[i*g.ldc+j])
				want += bc
				scale += math.Abs(bc)
			}
			r.want[i*g.n+j] = want
			r.tol[i*g.n+j] = float64(g.k+4)*eps*scale + 1e-30
		}
	}
	return r
}

// check compares got with the float64 reference, element by element, and
// checks that C's padding was left alone.
func (g *gemmCase) check(t *testing.T, name string, got []float32) {
	t.Helper()
	g.checkRef(t, name, got, g.reference())
}

func (g *gemmCase) checkRef(t *testing.T, name string, got []float32, r reference) {
	t.Helper()
	bad := 0
	for i := 0; i < g.m; i++ {
		for j := 0; j < g.ldc && i*g.ldc+j < len(got); j++ {
			idx := i*g.ldc + j
			if j >= g.n {
				if got[idx] != g.c[idx] {
					t.Fatalf("%s %v: padding C[%d,%d] changed", name, g, i, j)
				}
				continue
			}
			want, tol := r.want[i*g.n+j], r.tol[i*g.n+j]
			if d := math.Abs(float64(got[idx]) - want); !(d <= tol) {
				if bad++; bad <= 3 {
					t.Errorf("%s %v: C[%d,%d] = %v, want %v (|diff| %.3g > %.3g)", name, g, i, j, got[idx], want, d, tol)
				}
			}
		}
	}
	if bad > 0 {
		t.FailNow()
	}
}

// withKernel runs f with kernel k forced (nil: default selection).
func withKernel(k *kernel, f func()) {
	old := forced.Swap(k)
	defer forced.Store(old)
	f()
}

// testKernels lists every kernel usable here, the portable one included.
func testKernels() []*kernel {
	ks := append([]*kernel(nil), kernels...)
	for _, k := range ks {
		if k == goKernel {
			return ks
		}
	}
	return append(ks, goKernel)
}

var gonumSgemm = gonum.Implementation{}.Sgemm

var transposes = []blas.Transpose{blas.NoTrans, blas.Trans}
