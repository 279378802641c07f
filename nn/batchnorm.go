package nn

import "math"

// BatchNorm normalises each column over the batch (BatchNorm1d): training
// uses the batch mean and biased variance and updates running statistics
// with momentum (unbiased variance, as PyTorch); evaluation uses the running
// statistics. Gamma starts at 1, beta at 0, running var at 1.
type BatchNorm struct {
	Dim      int
	Eps      float32
	Momentum float32

	Gamma, Beta   []float32
	GGamma, GBeta []float32
	RunMean       []float32 // state, checkpointed
	RunVar        []float32

	xhat   []float32 // maxBatch×Dim, normalised input of the last Forward
	out    []float32
	dx     []float32
	invStd []float32 // per column, of the last training Forward
	mean   []float64
	sumDy  []float64
	sumDyX []float64
	train  bool
}

// NewBatchNorm registers gamma/beta and the running statistics in ps.
func NewBatchNorm(ps *ParamSet, name string, dim, maxBatch int) *BatchNorm {
	b := &BatchNorm{
		Dim: dim, Eps: 1e-5, Momentum: 0.1,
		xhat: make([]float32, maxBatch*dim), out: make([]float32, maxBatch*dim),
		dx: make([]float32, maxBatch*dim), invStd: make([]float32, dim),
		mean: make([]float64, dim), sumDy: make([]float64, dim), sumDyX: make([]float64, dim),
	}
	ps.add(name, dim, func(w, g []float32) { b.Gamma, b.GGamma = w, g })
	ps.add(name, dim, func(w, g []float32) { b.Beta, b.GBeta = w, g })
	ps.addState(dim, func(s []float32) { b.RunMean = s })
	ps.addState(dim, func(s []float32) { b.RunVar = s })
	return b
}

// Init sets gamma=1, beta=0, running mean 0 and running var 1.
func (b *BatchNorm) Init() {
	for i := 0; i < b.Dim; i++ {
		b.Gamma[i], b.Beta[i], b.RunMean[i], b.RunVar[i] = 1, 0, 0, 1
	}
}

// Forward normalises x.
func (b *BatchNorm) Forward(x Mat, train bool) Mat {
	n, d := x.Rows, b.Dim
	b.train = train
	xh := view(b.xhat, n, d)
	y := view(b.out, n, d)
	if train {
		mean, vr := b.mean, b.sumDy // sumDy doubles as variance scratch here
		for j := range mean {
			mean[j], vr[j] = 0, 0
		}
		for r := 0; r < n; r++ {
			row := x.Data[r*d : (r+1)*d]
			for j, v := range row {
				mean[j] += float64(v)
			}
		}
		for j := range mean {
			mean[j] /= float64(n)
		}
		for r := 0; r < n; r++ {
			row := x.Data[r*d : (r+1)*d]
			for j, v := range row {
				dv := float64(v) - mean[j]
				vr[j] += dv * dv
			}
		}
		m := float64(b.Momentum)
		for j := 0; j < d; j++ {
			biased := vr[j] / float64(n)
			b.invStd[j] = float32(1 / math.Sqrt(biased+float64(b.Eps)))
			unbiased := biased
			if n > 1 {
				unbiased = vr[j] / float64(n-1)
			}
			b.RunMean[j] = float32((1-m)*float64(b.RunMean[j]) + m*mean[j])
			b.RunVar[j] = float32((1-m)*float64(b.RunVar[j]) + m*unbiased)
		}
		for r := 0; r < n; r++ {
			off := r * d
			for j := 0; j < d; j++ {
				h := (x.Data[off+j] - float32(mean[j])) * b.invStd[j]
				xh.Data[off+j] = h
				y.Data[off+j] = h*b.Gamma[j] + b.Beta[j]
			}
		}
		return y
	}
	for r := 0; r < n; r++ {
		off := r * d
		for j := 0; j < d; j++ {
			inv := float32(1 / math.Sqrt(float64(b.RunVar[j])+float64(b.Eps)))
			h := (x.Data[off+j] - b.RunMean[j]) * inv
			xh.Data[off+j] = h
			y.Data[off+j] = h*b.Gamma[j] + b.Beta[j]
		}
	}
	return y
}

// Backward writes dGamma, dBeta and returns dx for a training Forward:
// dx = γ·invStd/n · (n·dy − Σdy − x̂·Σ(dy·x̂)).
func (b *BatchNorm) Backward(dy Mat) Mat {
	n, d := dy.Rows, b.Dim
	xh := b.xhat[:n*d]
	for j := 0; j < d; j++ {
		b.sumDy[j], b.sumDyX[j] = 0, 0
	}
	for r := 0; r < n; r++ {
		off := r * d
		for j := 0; j < d; j++ {
			g := float64(dy.Data[off+j])
			b.sumDy[j] += g
			b.sumDyX[j] += g * float64(xh[off+j])
		}
	}
	for j := 0; j < d; j++ {
		b.GBeta[j] = float32(b.sumDy[j])
		b.GGamma[j] = float32(b.sumDyX[j])
	}
	dx := view(b.dx, n, d)
	if !b.train {
		for r := 0; r < n; r++ {
			off := r * d
			for j := 0; j < d; j++ {
				inv := float32(1 / math.Sqrt(float64(b.RunVar[j])+float64(b.Eps)))
				dx.Data[off+j] = dy.Data[off+j] * b.Gamma[j] * inv
			}
		}
		return dx
	}
	fn := float32(n)
	for r := 0; r < n; r++ {
		off := r * d
		for j := 0; j < d; j++ {
			k := b.Gamma[j] * b.invStd[j] / fn
			dx.Data[off+j] = k * (fn*dy.Data[off+j] - float32(b.sumDy[j]) - xh[off+j]*float32(b.sumDyX[j]))
		}
	}
	return dx
}
