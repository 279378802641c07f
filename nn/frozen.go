package nn

// Frozen returns an inference copy of v: the same weights and BatchNorm
// statistics, buffers of its own for batches of up to maxBatch rows, and no
// gradients, so training v further leaves it as it was. Like any VAE it is
// not safe for concurrent use.
//
// The copy computes on its caller's goroutine alone, never on the worker
// pool: a viewer decoding from it while v trains would otherwise take the
// pool between two of the training step's products and leave the next
// one to run on a single core. Its results are the same bits either way.
func (v *VAE) Frozen(maxBatch int) *VAE {
	f, err := build(v.Cfg, maxBatch, 0, false)
	if err != nil { // v's config was valid when v was built
		panic(err)
	}
	copy(f.Params.W, v.Params.W)
	copy(f.Params.State, v.Params.State)
	f.computeHere()
	return f
}

// computeHere makes every layer of v compute on the calling goroutine.
func (v *VAE) computeHere() {
	v.here = true
	v.head.here, v.out.here = true, true
	for _, bs := range [][]block{v.enc, v.dec} {
		for i := range bs {
			bs[i].lin.here, bs[i].act.here = true, true
		}
	}
}
