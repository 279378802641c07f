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
// first two principal components (gonum's stat.PC), each signed so that its
// largest coefficient is positive, which keeps the picture from flipping
// between epochs for no reason.
func NewMap(mu []float32, n, dim int) (*Map, error) {
	if n < 2 || dim < 1 || len(mu) < n*dim {
		return nil, errors.New("latent: a map needs at least two points")
	}
	m := &Map{Dim: dim, Mean: make([]float64, dim), Points: make([]float64, 2*n)}
	vars := Variances(mu, n, dim)
	var total float64
	for _, v := range vars {
		total += v
	}
	if dim <= 2 {
		m.Raw = true
		for a := 0; a < dim; a++ {
			m.Axes[a] = unit(dim, a)
			if total > 0 {
				m.Explained[a] = vars[a] / total
			}
		}
	} else {
		data := make([]float64, n*dim)
		for i := range data {
			data[i] = float64(mu[i])
		}
		a := mat.NewDense(n, dim, data)
		var pc stat.PC
		if !pc.PrincipalComponents(a, nil) {
			return nil, errors.New("latent: principal components did not converge")
		}
		var vecs mat.Dense
		pc.VectorsTo(&vecs)
		pv := pc.VarsTo(nil)
		var pvTotal float64
		for _, v := range pv {
			pvTotal += v
		}
		for ax := 0; ax < 2; ax++ {
			v := make([]float64, dim)
			mat.Col(v, ax, &vecs)
			orient(v)
			m.Axes[ax] = v
			if pvTotal > 0 {
				m.Explained[ax] = pv[ax] / pvTotal
			}
		}
		for d := 0; d < dim; d++ {
			m.Mean[d] = stat.Mean(mat.Col(nil, d, a), nil)
		}
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
