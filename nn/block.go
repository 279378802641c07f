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
	h := b.lin.Forward(x, train)
	if b.bn != nil {
		h = b.bn.Forward(h, train)
	}
	h = b.act.Forward(h, train)
	if b.drop != nil {
		h = b.drop.Forward(h, train)
	}
	return h
}

func (b *block) backward(dy Mat) Mat {
	if b.drop != nil {
		dy = b.drop.Backward(dy)
	}
	if b.bn != nil {
		dy = b.act.Backward(dy)
		return b.lin.Backward(b.bn.Backward(dy))
	}
	// The activation's backward fused with the bias gradient's pass.
	return b.lin.backward(dy, b.act)
}
