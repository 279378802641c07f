// Package nn is a small, explicit neural-network library for vaetop: layers
// with forward and backward passes into buffers allocated once, parameters and
// gradients in flat float32 slices, the VAE assembled from a Config, its
// losses, Adam and gradient clipping. Matrix products go through sgemm
// (gonum's blas32 Sgemm signature). The element-wise work of a step
// (activations, bias gradients, sigmoid + BCE, the latent layer, norms,
// Adam) runs in fixed chunks on the same worker pool (package par), with
// AVX-512 or AVX2 kernels on amd64 (*_amd64.s, chosen at start-up; the
// noasm tag leaves pure Go). Every kernel reproduces its Go reference
// (adamGo, sigmoidBCEGo, colSumsGo, activateGo, sumSquaresGo) bit for bit,
// so results depend neither on the CPU's vector extensions nor on the
// thread count.
package nn

// Mat is a dense row-major float32 matrix whose row stride equals Cols.
// Layers hand out Mats that view their own buffers: they stay valid until
// the layer's next Forward or Backward.
type Mat struct {
	Rows, Cols int
	Data       []float32
}

// NewMat allocates a zeroed rows×cols matrix.
func NewMat(rows, cols int) Mat {
	return Mat{Rows: rows, Cols: cols, Data: make([]float32, rows*cols)}
}

// Row returns row i as a slice.
func (m Mat) Row(i int) []float32 { return m.Data[i*m.Cols : (i+1)*m.Cols] }

// view returns a rows×cols Mat over the front of buf.
func view(buf []float32, rows, cols int) Mat {
	return Mat{Rows: rows, Cols: cols, Data: buf[:rows*cols]}
}
