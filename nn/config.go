package nn

import (
	"fmt"
	"strings"
)

// Classes is the number of labels a conditional VAE is given (MNIST digits).
const Classes = 10

// Config describes a VAE: every variant of the tutorial is a field here.
type Config struct {
	Input         int     `json:"input"`          // pixels per image (784)
	Hidden        []int   `json:"hidden"`         // encoder hidden sizes; the decoder mirrors them
	Latent        int     `json:"latent"`         // size of z
	Activation    string  `json:"activation"`     // "relu" or "leaky" (LeakyReLU, slope 0.01)
	Dropout       float64 `json:"dropout"`        // dropout after each hidden layer, 0 = off
	LatentDropout float64 `json:"latent_dropout"` // dropout on the sampled z, 0 = off
	BatchNorm     bool    `json:"batchnorm"`      // BatchNorm1d after each hidden Linear
	Conditional   bool    `json:"conditional"`    // one-hot label joined to x and to z
	Loss          string  `json:"loss"`           // reconstruction loss: "bce" or "mse" (sums)
}

// DefaultConfig is the tutorial's model: 784-512-256-32, ReLU, BCE.
func DefaultConfig() Config {
	return Config{Input: 784, Hidden: []int{512, 256}, Latent: 32, Activation: "relu", Loss: "bce"}
}

// Validate reports the first bad field as one line naming the flag that sets
// it and its value. Ranges are written so that NaN fails them (every
// comparison with NaN is false); ±Inf falls outside them.
func (c Config) Validate() error {
	switch {
	case c.Input < 1:
		return fmt.Errorf("model input size %d must be positive", c.Input)
	case len(c.Hidden) == 0:
		return fmt.Errorf("--hidden needs at least one size")
	case c.Latent < 1 || c.Latent > 4096:
		return fmt.Errorf("--latent %d must be in 1..4096", c.Latent)
	case c.Activation != "relu" && c.Activation != "leaky":
		return fmt.Errorf("--activation %q must be relu or leaky", c.Activation)
	case !(c.Dropout >= 0 && c.Dropout < 1):
		return fmt.Errorf("--dropout %g must be in [0, 1)", c.Dropout)
	case !(c.LatentDropout >= 0 && c.LatentDropout < 1):
		return fmt.Errorf("--latent-dropout %g must be in [0, 1)", c.LatentDropout)
	case c.Loss != "bce" && c.Loss != "mse":
		return fmt.Errorf("--loss %q must be bce or mse", c.Loss)
	}
	for _, h := range c.Hidden {
		if h < 1 || h > 65536 {
			return fmt.Errorf("--hidden size %d must be in 1..65536", h)
		}
	}
	return nil
}

// String is a compact description, e.g. "784-512-256-z32 relu bce".
func (c Config) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", c.Input)
	for _, h := range c.Hidden {
		fmt.Fprintf(&b, "-%d", h)
	}
	fmt.Fprintf(&b, "-z%d %s %s", c.Latent, c.Activation, c.Loss)
	if c.BatchNorm {
		b.WriteString(" bn")
	}
	if c.Dropout > 0 {
		fmt.Fprintf(&b, " drop%.2g", c.Dropout)
	}
	if c.LatentDropout > 0 {
		fmt.Fprintf(&b, " zdrop%.2g", c.LatentDropout)
	}
	if c.Conditional {
		b.WriteString(" cvae")
	}
	return b.String()
}
