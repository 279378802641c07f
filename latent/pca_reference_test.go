package latent

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// anisotropic returns n points in dim dimensions with a different spread
// along each of some random directions, so the components are well apart.
func anisotropic(n, dim int, seed uint64) []float32 {
	r := rand.New(rand.NewPCG(seed, 1))
	mix := make([]float64, dim*dim)
	for i := range mix {
		mix[i] = r.NormFloat64()
	}
	mu := make([]float32, n*dim)
	src := make([]float64, dim)
	for i := 0; i < n; i++ {
		for d := range src {
			src[d] = r.NormFloat64() * float64(dim-d)
		}
		for j := 0; j < dim; j++ {
			var v float64
			for d := 0; d < dim; d++ {
				v += src[d] * mix[d*dim+j]
			}
			mu[i*dim+j] = float32(v + 0.5)
		}
	}
	return mu
}

// referencePC is the map's axes and shares as gonum's stat.PC gives them.
func referencePC(t testing.TB, mu []float32, n, dim int) (axes [2][]float64, shares [2]float64) {
	data := make([]float64, n*dim)
	for i := range data {
		data[i] = float64(mu[i])
	}
	var pc stat.PC
	if !pc.PrincipalComponents(mat.NewDense(n, dim, data), nil) {
		t.Fatal("stat.PC did not converge")
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	vars := pc.VarsTo(nil)
	var total float64
	for _, v := range vars {
		total += v
	}
	for ax := 0; ax < 2; ax++ {
		axes[ax] = mat.Col(nil, ax, &vecs)
		orient(axes[ax])
		shares[ax] = vars[ax] / total
	}
	return axes, shares
}

// TestMapAxesAreStatPCs checks the covariance route against stat.PC.
func TestMapAxesAreStatPCs(t *testing.T) {
	for _, c := range []struct{ n, dim int }{{500, 3}, {2000, 12}, {3000, 32}} {
		mu := anisotropic(c.n, c.dim, uint64(c.dim))
		m, err := NewMap(mu, c.n, c.dim)
		if err != nil {
			t.Fatal(err)
		}
		axes, shares := referencePC(t, mu, c.n, c.dim)
		for ax := 0; ax < 2; ax++ {
			for d := range axes[ax] {
				if math.Abs(m.Axes[ax][d]-axes[ax][d]) > 1e-9 {
					t.Fatalf("%dx%d: axis %d coefficient %d is %v, stat.PC gives %v", c.n, c.dim, ax, d, m.Axes[ax][d], axes[ax][d])
				}
			}
			if math.Abs(m.Explained[ax]-shares[ax]) > 1e-12 {
				t.Fatalf("%dx%d: axis %d explains %v, stat.PC gives %v", c.n, c.dim, ax, m.Explained[ax], shares[ax])
			}
		}
	}
}

// BenchmarkNewMap is the explorer's map of MNIST's 10k test means in 32
// dimensions; BenchmarkStatPC is stat.PC's factoring of the same points.
//
//	go test ./latent -run '^$' -bench 'NewMap|StatPC' -count 6
func BenchmarkNewMap(b *testing.B) {
	mu := anisotropic(10000, 32, 7)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewMap(mu, 10000, 32); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStatPC(b *testing.B) {
	mu := anisotropic(10000, 32, 7)
	b.ReportAllocs()
	for b.Loop() {
		referencePC(b, mu, 10000, 32)
	}
}
