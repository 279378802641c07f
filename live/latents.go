package live

import "fmt"

// ActiveVariance is the one definition of an active latent unit used
// everywhere (the status bar, the explorer, the metrics file): a unit is
// active when the variance of its posterior mean over the test set is at
// least this, as in the VAE literature (Burda et al., 2016). An inactive
// unit's mean no longer depends on the input: it has collapsed onto the
// prior.
const ActiveVariance = 0.01

// CountActive counts the units whose posterior-mean variance makes them
// active.
func CountActive(variance []float64) int {
	n := 0
	for _, v := range variance {
		if v >= ActiveVariance {
			n++
		}
	}
	return n
}

// Collapse thresholds: fewer active units than a quarter of the latent
// size, or less test KL per image than this many nats, mean the posterior
// is collapsing onto the prior.
const CollapseKL = 0.5

// Collapse says whether the figures of a test pass show posterior
// collapse, and why, for people ("" when they do not).
func Collapse(active, dim int, testKL float64) string {
	switch {
	case dim > 0 && 4*active < dim:
		return fmt.Sprintf("posterior collapsing: %d of %d units active", active, dim)
	case testKL < CollapseKL:
		return fmt.Sprintf("posterior collapsing: test KL %.2f nats per image", testKL)
	}
	return ""
}

// CollapseWarning is Collapse for a test pass, "" for one of the weights
// a run started with (Epoch 0): untrained, every unit is inactive, and
// that is no collapse.
func (l *Latents) CollapseWarning() string {
	if l == nil || l.Epoch == 0 {
		return ""
	}
	return Collapse(l.Active, l.Dim, l.TestKL)
}

// Latents describe the test set in latent space: the posterior means the
// producer's test pass computed at the end of an epoch (or, at Epoch 0,
// from the weights the run started with). Immutable once published.
type Latents struct {
	Epoch  int   // epochs finished when the means were taken
	Step   int64 // global steps done then
	N, Dim int
	Mu     []float32 // N×Dim posterior means, test image by test image
	Labels []uint8   // the digit of each test image
	// Var is the variance over the set of each unit's mean; KL the mean KL
	// per image of each unit; Active counts the active units (CountActive
	// of Var); TestKL is the total KL per image.
	Var    []float64
	KL     []float64
	Active int
	TestKL float64
	// Images are the test images themselves (nil when the producer cannot
	// show them); W and H their size.
	Images ImageSource
	W, H   int
}

// Row returns the mean of test image i.
func (l *Latents) Row(i int) []float32 { return l.Mu[i*l.Dim : (i+1)*l.Dim] }

// Model is a frozen copy of a run's weights, taken with a snapshot: it
// answers at once, whatever the producer is doing (a test pass, a save),
// and training never changes it. Safe for concurrent use.
type Model interface {
	// Encode writes the posterior mean and log-variance (n×Latent each) of
	// n images x (n×W·H, values in [0,1]).
	Encode(x []float32, labels []uint8, mu, logvar []float32)
	// Decode writes the images (n×W·H) decoded from z (n×Latent).
	Decode(z []float32, labels []uint8, dst []float32)
}

// ImageSource gives the images a Latents describes (the test set), for
// viewers that show a point's original. Safe for concurrent use.
type ImageSource interface {
	// Image writes image i (W·H values in [0,1]) into dst.
	Image(i int, dst []float32)
}
