package nn

import "math"

// The inference side of the VAE: evaluation-mode passes over batches of any
// size, for the test loss, the dashboard's pictures and queries from the UI
// (the latent explorer grows here). None of them touches gradients or the
// training noise.

// Evaluate returns the summed losses over x in evaluation mode (BatchNorm
// running statistics, no dropout) with z sampled from rng, as the tutorial's
// test loop does. It does not touch gradients or training noise.
func (v *VAE) Evaluate(x Mat, labels []uint8, rng *RNG) Loss {
	return v.EvaluateMeans(x, labels, rng, nil, nil)
}

// EvaluateMeans is Evaluate that also writes each row's posterior mean
// into mu (x.Rows×Latent) and adds each unit's KL, summed over the rows,
// to klDim (Latent values), when they are not nil. The losses are the same
// bit for bit.
func (v *VAE) EvaluateMeans(x Mat, labels []uint8, rng *RNG, mu []float32, klDim []float64) Loss {
	var total Loss
	L := v.Cfg.Latent
	row := 0
	v.chunks(x, labels, func(xc Mat, lc []uint8) {
		head := v.encode(xc, lc, false)
		for r := 0; r < head.Rows && (mu != nil || klDim != nil); r++ {
			hr := head.Row(r)
			if mu != nil {
				copy(mu[(row+r)*L:(row+r+1)*L], hr[:L])
			}
			if klDim != nil {
				for d := 0; d < L; d++ {
					m, lv := float64(hr[d]), float64(hr[L+d])
					klDim[d] += 0.5 * (m*m + math.Exp(lv) - 1 - lv)
				}
			}
		}
		row += head.Rows
		z := v.reparameterise(head, rng)
		logits := v.decodeLogits(z, lc, false)
		total.Rec += v.reconstruction(logits, xc, false)
		total.KL += v.klSum(head.Rows)
	})
	return total
}

// Reconstruct writes the evaluation-mode reconstruction of x through z = mu
// into dst (x.Rows×Input).
func (v *VAE) Reconstruct(x Mat, labels []uint8, dst []float32) {
	off := 0
	v.chunks(x, labels, func(xc Mat, lc []uint8) {
		head := v.encode(xc, lc, false)
		z := v.reparameterise(head, nil)
		logits := v.decodeLogits(z, lc, false)
		v.reconstruction(logits, xc, false)
		off += copy(dst[off:], v.xhat[:len(xc.Data)])
	})
}

// Encode writes mu and logvar of x (each x.Rows×Latent) in evaluation mode.
func (v *VAE) Encode(x Mat, labels []uint8, mu, logvar []float32) {
	L := v.Cfg.Latent
	row := 0
	v.chunks(x, labels, func(xc Mat, lc []uint8) {
		head := v.encode(xc, lc, false)
		for r := 0; r < head.Rows; r++ {
			hr := head.Row(r)
			copy(mu[(row+r)*L:(row+r+1)*L], hr[:L])
			copy(logvar[(row+r)*L:(row+r+1)*L], hr[L:])
		}
		row += head.Rows
	})
}

// Decode writes sigmoid(decoder(z)) for every row of z (n×Latent) into dst
// (n×Input) in evaluation mode. labels matter only for a conditional model.
func (v *VAE) Decode(z Mat, labels []uint8, dst []float32) {
	off := 0
	v.chunks(z, labels, func(zc Mat, lc []uint8) {
		logits := v.decodeLogits(zc, lc, false)
		for i, l := range logits.Data {
			dst[off+i] = Sigmoid(l)
		}
		off += len(logits.Data)
	})
}

// Sample decodes n draws z ~ N(0, I) from rng into dst (n×Input).
func (v *VAE) Sample(n int, labels []uint8, rng *RNG, dst []float32) {
	z := NewMat(n, v.Cfg.Latent)
	for i := range z.Data {
		z.Data[i] = rng.Normal()
	}
	v.Decode(z, labels, dst)
}

// chunks calls f on slices of at most MaxBatch rows.
func (v *VAE) chunks(x Mat, labels []uint8, f func(Mat, []uint8)) {
	for start := 0; start < x.Rows; start += v.MaxBatch {
		n := min(v.MaxBatch, x.Rows-start)
		xc := Mat{Rows: n, Cols: x.Cols, Data: x.Data[start*x.Cols : (start+n)*x.Cols]}
		var lc []uint8
		if labels != nil {
			lc = labels[start : start+n]
		}
		f(xc, lc)
	}
}
