package nn

import "github.com/vaetop/vaetop/par"

// reconChunks is how many pieces the output layer's sigmoid+loss pass is cut
// into. It is fixed, and partial sums are added in chunk order, so the loss
// is the same bit for bit at any thread count.
const reconChunks = 8

// reconTask runs the fused sigmoid + reconstruction loss over the pool.
type reconTask struct {
	l, x, p, dl []float32
	mse         bool
	partial     [reconChunks]float64
}

func (k *reconTask) Chunk(c int) {
	lo, hi := par.Split(len(k.l), reconChunks, c)
	var dl []float32
	if k.dl != nil {
		dl = k.dl[lo:hi]
	}
	if k.mse {
		k.partial[c] = SigmoidMSE(k.l[lo:hi], k.x[lo:hi], k.p[lo:hi], dl)
	} else {
		k.partial[c] = SigmoidBCE(k.l[lo:hi], k.x[lo:hi], k.p[lo:hi], dl)
	}
}

// reconstruction applies the output sigmoid with the configured loss,
// writing x̂ into xhat and, when grad is set, d loss/d logits.
func (v *VAE) reconstruction(logits, x Mat, grad bool) float64 {
	n := len(logits.Data)
	k := &v.recon
	*k = reconTask{l: logits.Data, x: x.Data[:n], p: v.xhat[:n], mse: v.Cfg.Loss == "mse"}
	if grad {
		k.dl = v.dlogits[:n]
	}
	forChunks(v.here, reconChunks, k)
	var s float64
	for _, p := range k.partial {
		s += p
	}
	k.l, k.x, k.p, k.dl = nil, nil, nil, nil
	return s
}
