package blasimpl

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/gonum/blas/gonum"
)

// TestInstalledBLASComputes checks that whatever this build installed
// multiplies like gonum's reference at a training shape.
func TestInstalledBLASComputes(t *testing.T) {
	if Name == "" {
		t.Fatal("no implementation name")
	}
	const m, n, k = 128, 96, 70
	a := make([]float32, m*k)
	b := make([]float32, k*n)
	for i := range a {
		a[i] = float32(i%13) - 6
	}
	for i := range b {
		b[i] = float32(i%7)/7 - 0.5
	}
	got := make([]float32, m*n)
	want := make([]float32, m*n)
	blas32.Implementation().Sgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, b, n, 0, got, n)
	gonum.Implementation{}.Sgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, a, k, b, n, 0, want, n)
	for i := range got {
		if math.Abs(float64(got[i]-want[i])) > 1e-3 {
			t.Fatalf("%s: c[%d] = %g, gonum %g", Name, i, got[i], want[i])
		}
	}
}

// TestInstalledBLASTransposes covers every transpose combination with
// padded leading dimensions, for a tall and a wide C, at sizes the OpenBLAS
// build splits into row and column bands.
func TestInstalledBLASTransposes(t *testing.T) {
	defer SetThreads(Threads())
	SetThreads(3) // split even on a one-core machine
	for _, sh := range [][3]int{{130, 70, 90}, {70, 130, 90}, {33, 517, 64}} {
		testTransposes(t, sh[0], sh[1], sh[2])
	}
}

func testTransposes(t *testing.T, m, n, k int) {
	const pad = 3
	for _, tA := range []blas.Transpose{blas.NoTrans, blas.Trans} {
		for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
			ar, ac := m, k
			if tA == blas.Trans {
				ar, ac = k, m
			}
			br, bc := k, n
			if tB == blas.Trans {
				br, bc = n, k
			}
			lda, ldb, ldc := ac+pad, bc+pad, n+pad
			a := make([]float32, ar*lda)
			b := make([]float32, br*ldb)
			for i := range a {
				a[i] = float32(i%11)/11 - 0.5
			}
			for i := range b {
				b[i] = float32(i%5)/5 - 0.4
			}
			got := make([]float32, m*ldc)
			want := make([]float32, m*ldc)
			for i := range got {
				got[i], want[i] = 1, 1
			}
			blas32.Implementation().Sgemm(tA, tB, m, n, k, 0.5, a, lda, b, ldb, 2, got, ldc)
			gonum.Implementation{}.Sgemm(tA, tB, m, n, k, 0.5, a, lda, b, ldb, 2, want, ldc)
			for i := range got {
				if math.Abs(float64(got[i]-want[i])) > 1e-3 {
					t.Fatalf("%s %dx%dx%d %c%c: c[%d] = %g, gonum %g", Name, m, n, k, tA, tB, i, got[i], want[i])
				}
			}
		}
	}
}
