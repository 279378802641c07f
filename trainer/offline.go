package trainer

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/nn"
)

// Offline shows the loaded weights without training them (vaetop explore):
// it measures the test set's latents, draws the reconstructions and
// samples, takes a frozen copy, and publishes that once. Queries are
// answered by the copy on the caller's goroutine, so Run is never called
// and nothing is ever written.
func (t *Trainer) Offline(name string) live.Run { return t.OfflineSource(name).Viewer() }

// OfflineSource is Offline for any number of viewers (vaetop explore
// --listen): the weights are measured once, and each viewer gets its own
// feed of the one snapshot.
func (t *Trainer) OfflineSource(name string) live.Source {
	src, measured := t.OfflineStart(name)
	<-measured
	return src
}

// OfflineStart is OfflineSource for a screen that comes up while the test
// set is encoded (the encode is the slowest part of opening a checkpoint):
// it publishes the weights' state and frozen copy at once, with the
// latents of the last test pass if the trainer has any, then encodes the
// test set on a goroutine of its own and publishes again with its
// latents. Meanwhile the panes that need them wait, as they do before a
// live run's first test pass. The trainer belongs to that goroutine until
// measured is closed; queries need only the frozen copy.
func (t *Trainer) OfflineStart(name string) (src live.Source, measured <-chan struct{}) {
	t.frozen.wantUntil.Store(1 << 62) // never stale: the weights never change
	t.refreshFrozen(time.Now())
	t.state, t.message = t.offlineState(name)
	t.publish()
	info := t.Info()
	info.Label = filepath.Base(name)
	info.Epochs = t.epoch
	info.Caps = live.Capabilities{} // no controller: nothing saves
	info.Resumed = false            // looked at, not trained on
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.latest = t.measureApart()
		t.refreshVisuals() // as before the split: the snapshot is the one it was
		t.publish()
	}()
	return offlineSource{t: t, info: info, q: &offlineQuerier{m: t.frozen.latest.Load(), cfg: t.opts.Model, rng: t.query}}, done
}

// offlineSource hands each viewer a run over the loaded weights.
type offlineSource struct {
	t    *Trainer
	info live.RunInfo
	q    *offlineQuerier
}

func (s offlineSource) Viewer() live.Run {
	return live.Run{Info: s.info, Feed: s.t.Subscribe(), Q: s.q}
}

// offlineQuerier answers a viewer's questions from one frozen copy.
type offlineQuerier struct {
	m   *frozenModel
	cfg nn.Config
	rng *nn.RNG // guarded by m.mu
}

func (q *offlineQuerier) Frozen() live.Model { return q.m }

func (q *offlineQuerier) Encode(_ context.Context, x []float32, labels []uint8) (mu, logvar []float32, err error) {
	if len(x)%q.cfg.Input != 0 {
		return nil, nil, fmt.Errorf("encode: %d values is not a whole number of %d-pixel images", len(x), q.cfg.Input)
	}
	n := len(x) / q.cfg.Input
	mu, logvar = make([]float32, n*q.cfg.Latent), make([]float32, n*q.cfg.Latent)
	q.m.Encode(x, labels, mu, logvar)
	return mu, logvar, nil
}

func (q *offlineQuerier) Decode(_ context.Context, z []float32, labels []uint8) ([]float32, error) {
	if len(z)%q.cfg.Latent != 0 {
		return nil, fmt.Errorf("decode: %d values is not a whole number of %d-dim latents", len(z), q.cfg.Latent)
	}
	out := make([]float32, len(z)/q.cfg.Latent*q.cfg.Input)
	q.m.Decode(z, labels, out)
	return out, nil
}

func (q *offlineQuerier) Sample(_ context.Context, n int, labels []uint8) ([]float32, error) {
	out := make([]float32, n*q.cfg.Input)
	q.m.mu.Lock()
	defer q.m.mu.Unlock()
	q.m.v.Sample(n, labels, q.rng, out)
	return out, nil
}

// offlineState is how a checkpoint opened for exploring shows: finished
// if it reached its last epoch, else stopped where it was saved (a run
// interrupted, or saved every epoch and then killed), with its epochs
// and step in the epoch, not as a finished run.
func (t *Trainer) offlineState(name string) (live.State, string) {
	base := filepath.Base(name)
	if t.epoch >= t.opts.Epochs && t.pos == 0 {
		return live.Finished, fmt.Sprintf("checkpoint %q, %s trained", base, plural(t.epoch, "epoch"))
	}
	if t.pos == 0 {
		return live.Stopped, fmt.Sprintf("checkpoint %q: the run stopped after epoch %d of %d", base, t.epoch, t.opts.Epochs)
	}
	step := (t.pos + t.opts.Batch - 1) / t.opts.Batch
	return live.Stopped, fmt.Sprintf("checkpoint %q: the run stopped in epoch %d of %d, at step %d of %d", base, t.epoch+1, t.opts.Epochs, step, t.stepsPerEpoch())
}

// plural is "1 epoch", "2 epochs".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
