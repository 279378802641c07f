package trainer

import (
	"math"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/nn"
)

// latentCapture holds what the epoch's test pass records besides the
// losses: every test image's posterior mean and each unit's summed KL.
type latentCapture struct {
	mu []float32
	kl []float64
}

func (t *Trainer) newCapture() latentCapture {
	L := t.opts.Model.Latent
	return latentCapture{mu: make([]float32, t.data.Test.Len()*L), kl: make([]float64, L)}
}

// latents turns a finished capture into the published description of the
// test set in latent space.
func (t *Trainer) latents(c latentCapture) *live.Latents {
	test := t.data.Test
	n, L := test.Len(), t.opts.Model.Latent
	l := &live.Latents{
		Epoch: t.epoch, Step: t.step, N: n, Dim: L,
		Mu: c.mu, Labels: test.Labels, Var: latent.Variances(c.mu, n, L), KL: make([]float64, L),
		Images: testImages{test.Images}, W: test.Images.Cols, H: test.Images.Rows,
	}
	for d, v := range c.kl {
		l.KL[d] = v / float64(n)
		l.TestKL += l.KL[d]
	}
	l.Active = live.CountActive(l.Var)
	return l
}

// measureLatents encodes the test set with the current weights: the map
// and active units of a run that has not finished an epoch in this
// process (a fresh run or a resumed one that a viewer explores, a
// checkpoint opened to explore).
func (t *Trainer) measureLatents() *live.Latents {
	c := t.newCapture()
	test := t.data.Test
	in, L := t.opts.Model.Input, t.opts.Model.Latent
	logvar := make([]float32, t.opts.Batch*L)
	for start := 0; start < test.Len(); start += t.opts.Batch {
		n := min(t.opts.Batch, test.Len()-start)
		test.Images.FillRange(t.xbuf[:n*in], start, n)
		mu := c.mu[start*L : (start+n)*L]
		t.model.Encode(nn.Mat{Rows: n, Cols: in, Data: t.xbuf[:n*in]}, test.Labels[start:start+n], mu, logvar[:n*L])
		for i, m := range mu {
			lv := float64(logvar[i])
			c.kl[i%L] += 0.5 * (float64(m)*float64(m) + math.Exp(lv) - 1 - lv)
		}
	}
	return t.latents(c)
}

// testImages lets viewers read test images; the dataset is never written
// after loading.
type testImages struct{ im *mnist.Images }

func (s testImages) Image(i int, dst []float32) { s.im.FillRange(dst, i, 1) }
