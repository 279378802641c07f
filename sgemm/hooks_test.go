package sgemm

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// rectLog records the rectangles a hook saw, and adds 1 to every element
// of C in them (pre) or doubles it (post), so that a missed or repeated
// rectangle shows in C.
type rectLog struct {
	mu    sync.Mutex
	c     []float32
	ldc   int
	post  bool
	rects [][4]int
	rows  int // when > 0, every rectangle must span rows [0, rows)
	t     *testing.T
}

func (h *rectLog) Rect(i0, i1, j0, j1 int) {
	h.mu.Lock()
	h.rects = append(h.rects, [4]int{i0, i1, j0, j1})
	h.mu.Unlock()
	if h.rows > 0 && (i0 != 0 || i1 != h.rows) {
		h.t.Errorf("rectangle rows [%d,%d), want all %d", i0, i1, h.rows)
	}
	for i := i0; i < i1; i++ {
		for j := j0; j < j1; j++ {
			if h.post {
				h.c[i*h.ldc+j] *= 2
			} else {
				h.c[i*h.ldc+j]++
			}
		}
	}
}

func (h *rectLog) covers(t *testing.T, m, n int) {
	seen := make([]int, m*n)
	for _, r := range h.rects {
		for i := r[0]; i < r[1]; i++ {
			for j := r[2]; j < r[3]; j++ {
				seen[i*n+j]++
			}
		}
	}
	for i, s := range seen {
		if s != 1 {
			t.Fatalf("element %d in %d rectangles", i, s)
		}
	}
}

// TestHooksAndPairs checks SgemmRect and Sgemm2 against Sgemm with the
// hooks' work done before and after, bit for bit, for shapes that run in
// one task, split, and thin.
func TestHooksAndPairs(t *testing.T) {
	defer SetWorkers(SetWorkers(3))
	rng := rand.New(rand.NewPCG(7, 8))
	shapes := [][3]int{{128, 512, 256}, {256, 64, 128}, {128, 8, 300}, {5, 7, 3}, {128, 784, 512}}
	for _, sh := range shapes {
		for _, tr := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			x := newCase(rng, tr, blas.NoTrans, sh[0], sh[1], sh[2], 1, 1, 1)
			y := newCase(rng, blas.NoTrans, tr, sh[1], sh[0], sh[2], 0.5, 0, 2)
			// Reference: pre (+1), product, post (×2) one after another.
			want := func(g *gemmCase) []float32 {
				c := append([]float32(nil), g.c...)
				for i := 0; i < g.m; i++ {
					for j := 0; j < g.n; j++ {
						c[i*g.ldc+j]++
					}
				}
				Sgemm(g.tA, g.tB, g.m, g.n, g.k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, c, g.ldc)
				for i := 0; i < g.m; i++ {
					for j := 0; j < g.n; j++ {
						c[i*g.ldc+j] *= 2
					}
				}
				return c
			}
			wx, wy := want(x), want(y)
			call := func(g *gemmCase, whole bool) (*Call, *rectLog, *rectLog) {
				c := append([]float32(nil), g.c...)
				pre := &rectLog{c: c, ldc: g.ldc, t: t}
				post := &rectLog{c: c, ldc: g.ldc, post: true, t: t}
				if whole {
					post.rows = g.m
				}
				return &Call{TA: g.tA, TB: g.tB, M: g.m, N: g.n, K: g.k, Alpha: g.alpha, A: g.a, Lda: g.lda,
					B: g.b, Ldb: g.ldb, Beta: g.beta, C: c, Ldc: g.ldc, Pre: pre, Post: post, WholeRows: whole}, pre, post
			}
			same := func(name string, got, want []float32) {
				for i := range want {
					if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
						t.Fatalf("%v %s: c[%d] = %g, want %g", sh, name, i, got[i], want[i])
					}
				}
			}
			cx, px, qx := call(x, false)
			SgemmRect(cx.TA, cx.TB, cx.M, cx.N, cx.K, cx.Alpha, cx.A, cx.Lda, cx.B, cx.Ldb, cx.Beta, cx.C, cx.Ldc, cx.Pre, cx.Post)
			same("SgemmRect", cx.C, wx)
			px.covers(t, x.m, x.n)
			qx.covers(t, x.m, x.n)
			for _, whole := range []bool{false, true} {
				c1, p1, q1 := call(x, whole)
				Sgemm1(c1)
				same("Sgemm1", c1.C, wx)
				p1.covers(t, x.m, x.n)
				q1.covers(t, x.m, x.n)
				cx, px, qx := call(x, whole)
				cy, py, qy := call(y, whole)
				Sgemm2(cx, cy)
				same("Sgemm2 x", cx.C, wx)
				same("Sgemm2 y", cy.C, wy)
				for _, h := range []*rectLog{px, qx} {
					h.covers(t, x.m, x.n)
				}
				for _, h := range []*rectLog{py, qy} {
					h.covers(t, y.m, y.n)
				}
			}
		}
	}
}
