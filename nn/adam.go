package nn

import "math"

// Adam is torch.optim.Adam over a flat parameter vector: optional L2 weight
// decay added to the gradient, bias-corrected moments, eps added after the
// corrected square root.
type Adam struct {
	LR, Beta1, Beta2, Eps, WeightDecay float64
	Step                               int64     // updates done so far
	M, V                               []float32 // first and second moments
}

// NewAdam returns Adam with PyTorch's defaults for n parameters.
func NewAdam(n int, lr float64) *Adam {
	return &Adam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, M: make([]float32, n), V: make([]float32, n)}
}

// Update applies one step to w from gradients g.
func (a *Adam) Update(w, g []float32) {
	a.Step++
	t := float64(a.Step)
	bc1 := 1 - math.Pow(a.Beta1, t)
	bc2 := 1 - math.Pow(a.Beta2, t)
	stepSize := float32(a.LR / bc1)
	invSqrtBC2 := float32(1 / math.Sqrt(bc2))
	b1, b2 := float32(a.Beta1), float32(a.Beta2)
	c1, c2 := 1-b1, 1-b2
	eps, wd := float32(a.Eps), float32(a.WeightDecay)
	m, v := a.M[:len(w)], a.V[:len(w)]
	g = g[:len(w)]
	for i := range w {
		gi := g[i]
		if wd != 0 {
			gi += wd * w[i]
		}
		mi := b1*m[i] + c1*gi
		vi := b2*v[i] + c2*gi*gi
		m[i], v[i] = mi, vi
		w[i] -= stepSize * mi / (sqrt32(vi)*invSqrtBC2 + eps)
	}
}

func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }
