package trainer

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/nn"
)

// maxMeasureWorkers bounds the frozen copies measureApart makes (each is a
// copy of the weights and a batch's buffers).
const maxMeasureWorkers = 8

// measureApart is measureLatents, the same bits, for a checkpoint opened to
// explore: the test set's batches are shared among frozen copies of the
// weights, one a thread, each encoding on a goroutine of its own. The
// batches are those of measureLatents and a frozen copy computes as the
// model does, so the means are the same; a worker pool in lock step, as
// the model's products use, loses a whole step whenever one of its
// threads waits for a core, which a busy machine makes common.
func (t *Trainer) measureApart() *live.Latents {
	test := t.data.Test
	n, in, L, B := test.Len(), t.opts.Model.Input, t.opts.Model.Latent, t.opts.Batch
	c := t.newCapture()
	logvar := make([]float32, n*L)
	batches := (n + B - 1) / B
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(max(blasimpl.Threads(), 1), maxMeasureWorkers, batches) {
		wg.Go(func() {
			m, x := t.model.Frozen(B), make([]float32, B*in)
			for b := int(next.Add(1) - 1); b < batches; b = int(next.Add(1) - 1) {
				start := b * B
				k := min(B, n-start)
				test.Images.FillRange(x[:k*in], start, k)
				m.Encode(nn.Mat{Rows: k, Cols: in, Data: x[:k*in]}, test.Labels[start:start+k],
					c.mu[start*L:(start+k)*L], logvar[start*L:(start+k)*L])
			}
		})
	}
	wg.Wait()
	// The units' KL summed in measureLatents' order: the same figures.
	for i, m := range c.mu {
		lv := float64(logvar[i])
		c.kl[i%L] += 0.5 * (float64(m)*float64(m) + math.Exp(lv) - 1 - lv)
	}
	return t.latents(c)
}
