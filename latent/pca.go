package latent

import (
	"errors"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// Map is a 2-D view of a set of latent points: their projection onto the
// first two principal components, or onto the raw axes when the latent
// space has at most two dimensions.
type Map struct {
	Dim  int
	Raw  bool         // the axes are the latent dimensions themselves
	Mean []float64    // the centre the axes start from (zero when Raw)
	Axes [2][]float64 // unit vectors in latent space; Axes[1] is nil when Dim is 1
	// Explained is each axis's share of the total variance, in [0,1].
	Explained [2]float64
	// Points holds the coordinates of each point (N×2).
	Points []float64
	// Lo and Hi bound the points on each axis.
	Lo, Hi [2]float64
}

// NewMap projects the n points mu (n×dim). With dim > 2 the axes are the
// first two principal components, each signed so that its largest
// coefficient is positive, which keeps the picture from flipping between
// epochs for no reason.
//
// The components are the top eigenvectors of the covariance matrix (gonum's
// stat.CovarianceMatrix and mat.EigenSym): the axes stat.PC gives (a test
// checks them against it) for less work. stat.PC factors the whole n×dim
// matrix by SVD: for 10k points in 32 dimensions, 20-23 ms and 10.5 MB
// (BenchmarkStatPC), and in a live run some 150 goroutines a call from
// gonum's parallel Dgemm, all competing with training for its cores. This
// whole function, projection included, takes 7.6-10.5 ms and 5.3 MB on
// one goroutine (BenchmarkNewMap).
func NewMap(mu []float32, n, dim int) (*Map, error) {
	if n < 2 || dim < 1 || len(mu) < n*dim {
		return nil, errors.New("latent: a map needs at least two points")
	}
	m := &Map{Dim: dim, Mean: make([]float64, dim), Points: make([]float64, 2*n)}
	if dim <= 2 {
		vars := Variances(mu, n, dim)
		var total float64
		for _, v := range vars {
			total += v
		}
		m.Raw = true
		for a := 0; a < dim; a++ {
			m.Axes[a] = unit(dim, a)
			if total > 0 {
				m.Explained[a] = vars[a] / total
			}
		}
	} else if err := m.principalAxes(mu, n, dim); err != nil {
		return nil, err
	}
	m.Lo = [2]float64{math.Inf(1), math.Inf(1)}
	m.Hi = [2]float64{math.Inf(-1), math.Inf(-1)}
	for i := 0; i < n; i++ {
		x, y := m.Project(mu[i*dim : (i+1)*dim])
		m.Points[2*i], m.Points[2*i+1] = x, y
		m.Lo[0], m.Hi[0] = math.Min(m.Lo[0], x), math.Max(m.Hi[0], x)
		m.Lo[1], m.Hi[1] = math.Min(m.Lo[1], y), math.Max(m.Hi[1], y)
	}
	return m, nil
}

// Project returns the map coordinates of the latent point z.
func (m *Map) Project(z []float32) (x, y float64) {
	var c [2]float64
	for ax := 0; ax < 2; ax++ {
		if m.Axes[ax] == nil {
			continue
		}
		for d, v := range m.Axes[ax] {
			c[ax] += (float64(z[d]) - m.Mean[d]) * v
		}
	}
	return c[0], c[1]
}

// Point writes into z (dim values) the latent point at map coordinates
// (x, y): the centre plus each axis times its coordinate.
func (m *Map) Point(x, y float64, z []float32) {
	for d := range z[:m.Dim] {
		v := m.Mean[d] + x*m.Axes[0][d]
		if m.Axes[1] != nil {
			v += y * m.Axes[1][d]
		}
		z[d] = float32(v)
	}
}

// principalAxes sets the centre, the first two principal components and
// their shares of the variance of the n points mu.
func (m *Map) principalAxes(mu []float32, n, dim int) error {
	data := make([]float64, n*dim)
	for i := range data {
		data[i] = float64(mu[i])
	}
	a := mat.NewDense(n, dim, data)
	var cov mat.SymDense
	stat.CovarianceMatrix(&cov, a, nil)
	var eig mat.EigenSym
	if !eig.Factorize(&cov, true) {
		return errors.New("latent: principal components did not converge")
	}
	vals := eig.Values(nil) // ascending
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	var total float64
	for _, v := range vals {
		total += max(v, 0) // rounding can leave a null direction just below 0
	}
	for ax := 0; ax < 2; ax++ {
		col := dim - 1 - ax
		v := make([]float64, dim)
		mat.Col(v, col, &vecs)
		orient(v)
		m.Axes[ax] = v
		if total > 0 {
			m.Explained[ax] = max(vals[col], 0) / total
		}
	}
	for i := 0; i < n; i++ {
		for d, v := range data[i*dim : (i+1)*dim] {
			m.Mean[d] += v
		}
	}
	for d := range m.Mean {
		m.Mean[d] /= float64(n)
	}
	return nil
}

func unit(dim, a int) []float64 {
	v := make([]float64, dim)
	v[a] = 1
	return v
}

// orient flips v so that its largest coefficient (by magnitude) is
// positive.
func orient(v []float64) {
	big := 0
	for i := range v {
		if math.Abs(v[i]) > math.Abs(v[big]) {
			big = i
		}
	}
	if v[big] < 0 {
		for i := range v {
			v[i] = -v[i]
		}
	}
}
