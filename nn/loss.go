package nn

import "math"

// logClamp is PyTorch's floor for log terms in binary_cross_entropy.
const logClamp = -100

// Saturated output pixels give gradients like 1e-30 that, carried back
// through the network, become subnormal floats; x86 takes ~100x longer for
// every multiply that touches one, which slowed later epochs 2x. Such
// gradients are far below float32 resolution of the ones that matter, so
// exp(-|l|) is taken as 0 past expCutoff (e^-44 ≈ 8e-20) and fused
// gradients smaller than gradFloor are flushed to 0.
const (
	expCutoff = 44
	gradFloor = 1e-19
)

// BCESum is binary_cross_entropy(p, x, reduction="sum") on probabilities,
// with each log term clamped at -100 as PyTorch does.
func BCESum(p, x []float32) float64 {
	var s float64
	for i, pi := range p {
		lp := math.Max(math.Log(float64(pi)), logClamp)
		lq := math.Max(math.Log(1-float64(pi)), logClamp)
		t := float64(x[i])
		s -= t*lp + (1-t)*lq
	}
	return s
}

// MSESum is Σ(p-x)².
func MSESum(p, x []float32) float64 {
	var s float64
	for i, pi := range p {
		d := float64(pi) - float64(x[i])
		s += d * d
	}
	return s
}

// SigmoidBCE fuses the output sigmoid with BCESum: from logits l it writes
// p = sigmoid(l) into p, d loss / d l = p - x into dl (when dl is not nil)
// and returns the summed BCE. Working from logits keeps the log terms exact
// where p rounds to 0 or 1; each term is still clamped at 100 like PyTorch.
// With e = exp(-|l|): softplus(-|l|) = log1p(e), sigmoid from e.
func SigmoidBCE(l, x, p, dl []float32) float64 {
	x, p = x[:len(l)], p[:len(l)]
	if dl != nil {
		dl = dl[:len(l)]
	}
	return sigmoidBCE(l, x, p, dl)
}

// sigmoidBCEGo is SigmoidBCE in plain Go, adding its terms to s in order;
// the assembly kernels reproduce it bit for bit.
func sigmoidBCEGo(l, x, p, dl []float32, s float64) float64 {
	x, p = x[:len(l)], p[:len(l)]
	for i, v := range l {
		a := v
		if a < 0 {
			a = -a
		}
		e := float32(0)
		if a < expCutoff { // beyond it e only adds < 1e-19 to loss and gradient
			e = expNeg(a)
		}
		sp := log1p01(e)
		inv := 1 / (1 + e)
		spPos, spNeg, sig := sp, sp+a, e*inv // for v < 0
		if v >= 0 {
			spPos, spNeg, sig = sp+a, sp, inv
		}
		t := x[i]
		s += float64(float32(t*min(spNeg, -logClamp)) + float32((1-t)*min(spPos, -logClamp)))
		p[i] = sig
		if dl != nil {
			dl[i] = sig - t
		}
	}
	return s
}

// SigmoidMSE fuses the output sigmoid with MSESum: it writes p = sigmoid(l),
// dl = 2(p-x)·p(1-p) (when dl is not nil) and returns Σ(p-x)².
func SigmoidMSE(l, x, p, dl []float32) float64 {
	var s float64
	for i, li := range l {
		pi := Sigmoid(li)
		p[i] = pi
		d := pi - x[i]
		s += float64(d) * float64(d)
		if dl != nil {
			g := 2 * d * pi * (1 - pi)
			if g < gradFloor && g > -gradFloor {
				g = 0 // see expCutoff
			}
			dl[i] = g
		}
	}
	return s
}

// KLSum is -0.5·Σ(1 + logvar - mu² - exp(logvar)), the KL divergence of
// N(mu, exp(logvar)) from N(0, I), summed over all elements.
func KLSum(mu, logvar []float32) float64 {
	var s float64
	for i, m := range mu {
		lv := float64(logvar[i])
		s += 1 + lv - float64(m)*float64(m) - math.Exp(lv)
	}
	return -0.5 * s
}

// KLPerDim writes each latent dimension's KL averaged over the rows of the
// head matrix (columns [0,L) mu, [L,2L) logvar) into dst (len L). Dimensions
// near 0 carry no information: the posterior collapsed to the prior there.
func KLPerDim(head Mat, dst []float64) {
	L := head.Cols / 2
	for j := range dst[:L] {
		dst[j] = 0
	}
	for r := 0; r < head.Rows; r++ {
		row := head.Row(r)
		for j := 0; j < L; j++ {
			m, lv := float64(row[j]), float64(row[L+j])
			dst[j] += -0.5 * (1 + lv - m*m - math.Exp(lv))
		}
	}
	for j := range dst[:L] {
		dst[j] /= float64(head.Rows)
	}
}
