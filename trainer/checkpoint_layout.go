package trainer

import "github.com/vaetop/vaetop/nn"

// modelLayout is how a model's values sit in a checkpoint's flat arrays,
// worked out from its configuration so that a checkpoint can be checked
// before any model is built (a crafted header could ask for gigabytes).
// It follows nn.New: encoder blocks, the mu|logvar head, decoder blocks, the
// output layer; a block is a Linear (weights, bias), then with BatchNorm its
// gamma and beta; the state holds each BatchNorm's running means, then its
// running variances. TestModelLayoutMatchesNN holds it to nn.
type modelLayout struct {
	weights, state int
	runVars        [][2]int // [start, end) of each BatchNorm's running variances in the state
}

func layoutOf(c nn.Config) modelLayout {
	var l modelLayout
	linear := func(in, out int) { l.weights += in*out + out }
	block := func(in, out int) {
		linear(in, out)
		if c.BatchNorm {
			l.weights += 2 * out
			l.runVars = append(l.runVars, [2]int{l.state + out, l.state + 2*out})
			l.state += 2 * out
		}
	}
	in, zIn := c.Input, c.Latent
	if c.Conditional {
		in, zIn = in+nn.Classes, zIn+nn.Classes
	}
	for _, h := range c.Hidden {
		block(in, h)
		in = h
	}
	linear(in, 2*c.Latent)
	in = zIn
	for i := len(c.Hidden) - 1; i >= 0; i-- {
		block(in, c.Hidden[i])
		in = c.Hidden[i]
	}
	linear(in, c.Input)
	return l
}
