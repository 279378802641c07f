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
