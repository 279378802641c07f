package trainer

import (
	"context"
	"errors"
	"fmt"

	"github.com/vaetop/vaetop/nn"
)

// ErrStopped is returned by queries once the trainer has stopped.
var ErrStopped = errors.New("trainer stopped")

// query is work done on the training goroutine between steps, on the
// current weights.
type query struct {
	fn   func(m *nn.VAE, rng *nn.RNG)
	done chan struct{}
}

func (t *Trainer) serve(q query) {
	q.fn(t.model, t.query)
	close(q.done)
}

// do runs fn on the training goroutine and waits for it.
func (t *Trainer) do(ctx context.Context, fn func(m *nn.VAE, rng *nn.RNG)) error {
	q := query{fn: fn, done: make(chan struct{})}
	select {
	case t.queries <- q:
	case <-ctx.Done():
		return ctx.Err()
	case <-t.hub.Stopped():
		return ErrStopped
	}
	<-q.done
	return nil
}

// Model returns the model's configuration.
func (t *Trainer) Model() nn.Config { return t.opts.Model }

// Encode returns mu and logvar (n×Latent each) of n images x (n×Input,
// values in [0,1]) under the current weights. labels matter only for a
// conditional model. Safe to call from any goroutine.
func (t *Trainer) Encode(ctx context.Context, x []float32, labels []uint8) (mu, logvar []float32, err error) {
	in, L := t.opts.Model.Input, t.opts.Model.Latent
	if len(x)%in != 0 {
		return nil, nil, fmt.Errorf("encode: %d values is not a whole number of %d-pixel images", len(x), in)
	}
	n := len(x) / in
	mu, logvar = make([]float32, n*L), make([]float32, n*L)
	err = t.do(ctx, func(m *nn.VAE, _ *nn.RNG) {
		m.Encode(nn.Mat{Rows: n, Cols: in, Data: x}, labels, mu, logvar)
	})
	return mu, logvar, err
}

// Decode returns the images (n×Input) decoded from z (n×Latent).
func (t *Trainer) Decode(ctx context.Context, z []float32, labels []uint8) ([]float32, error) {
	in, L := t.opts.Model.Input, t.opts.Model.Latent
	if len(z)%L != 0 {
		return nil, fmt.Errorf("decode: %d values is not a whole number of %d-dim latents", len(z), L)
	}
	n := len(z) / L
	out := make([]float32, n*in)
	err := t.do(ctx, func(m *nn.VAE, _ *nn.RNG) {
		m.Decode(nn.Mat{Rows: n, Cols: L, Data: z}, labels, out)
	})
	return out, err
}

// Sample decodes n draws from the prior (query noise, so training is not
// affected).
func (t *Trainer) Sample(ctx context.Context, n int, labels []uint8) ([]float32, error) {
	out := make([]float32, n*t.opts.Model.Input)
	err := t.do(ctx, func(m *nn.VAE, rng *nn.RNG) { m.Sample(n, labels, rng, out) })
	return out, err
}

// DataSource says where the training data came from.
func (t *Trainer) DataSource() string { return t.opts.DataSource }

// EpochsDone is the number of finished epochs; call it before Run (after a
// resume it says how many the checkpoint held).
func (t *Trainer) EpochsDone() int { return t.epoch }

// CheckpointPath is the --checkpoint path, "" when none was given.
func (t *Trainer) CheckpointPath() string { return t.opts.Checkpoint }
