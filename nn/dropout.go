package nn

// Dropout zeroes each element with probability P during training and scales
// the survivors by 1/(1-P) (inverted dropout, as PyTorch); in evaluation it
// is the identity. It works in place and keeps the mask for Backward.
type Dropout struct {
	P    float32
	rng  *RNG
	mask []float32 // 0 or 1/(1-P) per element of the last training Forward
	used int       // elements of mask valid for Backward; 0 after eval
}

// NewDropout draws its masks from rng.
func NewDropout(p float32, rng *RNG, maxBatch, cols int) *Dropout {
	return &Dropout{P: p, rng: rng, mask: make([]float32, maxBatch*cols)}
}

// Forward applies the mask in training, nothing in evaluation.
func (d *Dropout) Forward(x Mat, train bool) Mat {
	if !train || d.P <= 0 {
		d.used = 0
		return x
	}
	keep := 1 / (1 - d.P)
	m := d.mask[:len(x.Data)]
	for i := range m {
		if d.rng.Uniform() < d.P {
			m[i] = 0
		} else {
			m[i] = keep
		}
		x.Data[i] *= m[i]
	}
	d.used = len(m)
	return x
}

// Backward multiplies dy by the mask of the last training Forward.
func (d *Dropout) Backward(dy Mat) Mat {
	if d.used == 0 {
		return dy
	}
	m := d.mask[:len(dy.Data)]
	for i, k := range m {
		dy.Data[i] *= k
	}
	return dy
}
