package latent

import "gonum.org/v1/gonum/stat"

// Variances returns the variance over the n rows of mu (n×dim) of each
// column: for posterior means, how much each unit depends on the input.
func Variances(mu []float32, n, dim int) []float64 {
	out := make([]float64, dim)
	if n < 2 {
		return out
	}
	col := make([]float64, n)
	for d := range out {
		for i := range col {
			col[i] = float64(mu[i*dim+d])
		}
		out[d] = stat.Variance(col, nil)
	}
	return out
}
