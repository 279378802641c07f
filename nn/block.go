package nn

// block is one hidden layer: Linear → [BatchNorm] → activation → [Dropout].
type block struct {
	lin  *Linear
	bn   *BatchNorm
	act  *Activation
	drop *Dropout
}

func newBlock(ps *ParamSet, name string, in, out, maxBatch int, cfg Config, noise *RNG) block {
	b := block{lin: NewLinear(ps, name, in, out, maxBatch)}
	if cfg.BatchNorm {
		b.bn = NewBatchNorm(ps, name+".bn", out, maxBatch)
	}
	if cfg.Activation == "leaky" {
		b.act = NewLeakyReLU(0.01)
	} else {
		b.act = NewReLU()
	}
	if cfg.Dropout > 0 {
		b.drop = NewDropout(float32(cfg.Dropout), noise, maxBatch, out)
	}
	return b
}

func (b *block) forward(x Mat, train bool) Mat {
	var h Mat
	if b.bn != nil {
		h = b.lin.Forward(x, train)
		h = b.bn.Forward(h, train)
		h = b.act.Forward(h, train)
	} else {
		// The activation fused with the product.
		h = b.lin.forward(x, b.act)
	}
	if b.drop != nil {
		h = b.drop.Forward(h, train)
	}
	return h
}

// plain reports whether the block is Linear → activation alone, so that
// its backward starts with the activation's and the bias gradient's pass,
// which the layer above can make as its dx product finishes.
func (b *block) plain() bool { return b.bn == nil && b.drop == nil }

// backward returns the input gradient. dbDone says the layer above made
// this block's first pass (the block is then plain); below, when not nil,
// is the block that receives the input gradient, and the result reports
// whether this block made that block's first pass (see Linear.backward).
func (b *block) backward(dy Mat, dbDone bool, below *block) (Mat, bool) {
	if !b.plain() {
		if dbDone {
			panic("nn: internal error: pass made for a block that is not plain")
		}
		if b.drop != nil {
			dy = b.drop.Backward(dy)
		}
		if b.bn != nil {
			dy = b.act.Backward(dy)
			return b.lin.Backward(b.bn.Backward(dy)), false
		}
		dx, _ := b.lin.backward(dy, b.act, false, nil, nil)
		return dx, false
	}
	// The activation's backward fused with the bias gradient's pass.
	bl, ba := belowOf(below)
	return b.lin.backward(dy, b.act, dbDone, bl, ba)
}

// belowOf returns the layer and activation whose first backward pass a
// dx product may make: those of below if it is plain, else none.
func belowOf(below *block) (*Linear, *Activation) {
	if below == nil || !below.plain() {
		return nil, nil
	}
	return below.lin, below.act
}
