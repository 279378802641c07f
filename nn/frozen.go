package nn

// Frozen returns an inference copy of v: the same weights and BatchNorm
// statistics, buffers of its own for batches of up to maxBatch rows, and no
// gradients, so training v further leaves it as it was. Like any VAE it is
// not safe for concurrent use.
func (v *VAE) Frozen(maxBatch int) *VAE {
	f, err := build(v.Cfg, maxBatch, 0, false)
	if err != nil { // v's config was valid when v was built
		panic(err)
	}
	copy(f.Params.W, v.Params.W)
	copy(f.Params.State, v.Params.State)
	return f
}
