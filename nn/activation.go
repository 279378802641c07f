package nn

import "math"

// Activation is an element-wise non-linearity applied in place: Forward
// overwrites its input with the output and Backward overwrites dy with dx,
// deciding from the stored output alone, so it needs no buffers.
type Activation struct {
	// Slope is the gradient for negative inputs: 0 for ReLU, 0.01 for
	// LeakyReLU.
	Slope float32
	y     Mat
	here  bool // compute on the calling goroutine alone (VAE.Frozen)

	fwd  activate // parallel passes, kept here so calls allocate nothing
	back activateBack
}

// NewReLU returns max(0, x).
func NewReLU() *Activation { return &Activation{} }

// NewLeakyReLU returns x for x > 0, else slope·x.
func NewLeakyReLU(slope float32) *Activation { return &Activation{Slope: slope} }

// Forward applies the activation to x in place.
func (a *Activation) Forward(x Mat, _ bool) Mat {
	a.fwd = activate{x: x.Data, slope: a.Slope}
	forChunks(a.here, passChunks, &a.fwd)
	a.fwd = activate{}
	a.y = x
	return x
}

// Backward multiplies dy in place by the activation's derivative. The sign
// of the output equals the sign of the input for both ReLU and LeakyReLU.
func (a *Activation) Backward(dy Mat) Mat {
	a.back = activateBack{dy: dy.Data, y: a.y.Data[:len(dy.Data)], slope: a.Slope}
	forChunks(a.here, passChunks, &a.back)
	a.back = activateBack{}
	return dy
}

// Sigmoid is the logistic function 1/(1+e^-x), stable for large |x|.
func Sigmoid(x float32) float32 {
	if x >= 0 {
		return float32(1 / (1 + math.Exp(-float64(x))))
	}
	e := math.Exp(float64(x))
	return float32(e / (1 + e))
}

// sigmoidLayer applies Sigmoid element-wise into its own buffer.
type sigmoidLayer struct {
	out []float32
	y   Mat
}

// newSigmoidLayer allocates for up to maxBatch rows of width cols.
func newSigmoidLayer(maxBatch, cols int) *sigmoidLayer {
	return &sigmoidLayer{out: make([]float32, maxBatch*cols)}
}

// Forward returns sigmoid(x).
func (s *sigmoidLayer) Forward(x Mat, _ bool) Mat {
	y := view(s.out, x.Rows, x.Cols)
	for i, v := range x.Data {
		y.Data[i] = Sigmoid(v)
	}
	s.y = y
	return y
}

// Backward returns dy·y·(1-y), written into dy.
func (s *sigmoidLayer) Backward(dy Mat) Mat {
	for i, y := range s.y.Data[:len(dy.Data)] {
		dy.Data[i] *= y * (1 - y)
	}
	return dy
}
