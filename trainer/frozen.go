package trainer

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/nn"
)

// frozenBatch bounds the rows a frozen copy decodes at once (a strip of
// decodes is a few dozen); larger requests are split.
const frozenBatch = 64

// frozenWanted is how long one Frozen call keeps the trainer making
// copies: a viewer that stops asking (the explorer closed) stops the cost.
const frozenWanted = 5 * time.Second

// frozenCopies hands viewers copies of the weights that answer while the
// trainer is busy. Viewers take the latest with Frozen (never blocking);
// the trainer makes a new one between steps, at most every
// VisualInterval and after every test pass, but only while someone has
// asked within frozenWanted.
type frozenCopies struct {
	latest    atomic.Pointer[frozenModel]
	wantUntil atomic.Int64 // unix nanoseconds
	// wake tells an idle trainer (paused, finished) that a copy is
	// wanted: it publishes none on its own then.
	wake     chan struct{}
	made     time.Time // trainer goroutine only
	madeStep int64     // the step the latest copy was taken at
	stale    bool      // the weights changed a lot (an epoch ended, a rollback)
}

// frozenModel is one copy; its mutex serialises the VAE's buffers.
type frozenModel struct {
	mu sync.Mutex
	v  *nn.VAE
}

func (f *frozenModel) Encode(x []float32, labels []uint8, mu, logvar []float32) {
	f.mu.Lock()
	defer f.mu.Unlock()
	in := f.v.Cfg.Input
	f.v.Encode(nn.Mat{Rows: len(x) / in, Cols: in, Data: x}, labels, mu, logvar)
}

func (f *frozenModel) Decode(z []float32, labels []uint8, dst []float32) {
	f.mu.Lock()
	defer f.mu.Unlock()
	L := f.v.Cfg.Latent
	f.v.Decode(nn.Mat{Rows: len(z) / L, Cols: L, Data: z}, labels, dst)
}

// Frozen returns the latest copy of the weights (nil before the first),
// and asks for fresh ones for a while. It never blocks.
func (t *Trainer) Frozen() live.Model {
	t.frozen.wantUntil.Store(time.Now().Add(frozenWanted).UnixNano())
	t.wakeFrozen()
	if m := t.frozen.latest.Load(); m != nil {
		return m
	}
	return nil
}

func (t *Trainer) wakeFrozen() {
	select {
	case t.frozen.wake <- struct{}{}:
	default: // already asked
	}
}

// serveFrozen makes a wanted copy now and publishes it, for a trainer that
// is not training (a running one does so at its next publish).
//
// A viewer that asks before the first test pass of this process (a fresh
// or resumed run) also gets the test set's latents now: the one encode of
// the test set (0.1-0.3 s) is paid only when someone explores.
func (t *Trainer) serveFrozen() {
	before, lat := t.frozen.latest.Load(), t.latest
	if t.latest == nil {
		t.latest = t.measureLatents()
	}
	t.refreshFrozen(time.Now())
	if t.frozen.latest.Load() != before || t.latest != lat {
		t.publish()
	}
}

// refreshFrozen makes a new copy when one is wanted and due; it runs on the
// training goroutine between steps.
func (t *Trainer) refreshFrozen(now time.Time) {
	f := &t.frozen
	if now.UnixNano() > f.wantUntil.Load() {
		return
	}
	// A copy of weights that have not moved (a paused or finished run) is
	// never remade: it would only make every viewer decode again.
	if f.latest.Load() != nil && !f.stale && (t.step == f.madeStep || now.Sub(f.made) < t.opts.VisualInterval) {
		return
	}
	f.latest.Store(&frozenModel{v: t.model.Frozen(frozenBatch)})
	f.made, f.madeStep, f.stale = now, t.step, false
}
