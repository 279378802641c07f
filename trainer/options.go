// Package trainer runs VAE training in its own goroutine. The rest of the
// program talks to it only through typed commands and blocking model queries,
// and receives immutable snapshots through subscriptions that coalesce, so a
// slow viewer never blocks training and any number of viewers can watch.
package trainer

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/vaetop/vaetop/nn"
)

// Options configure a training run.
type Options struct {
	Model       nn.Config `json:"model"`
	Epochs      int       `json:"epochs"`
	Batch       int       `json:"batch"`
	LR          float64   `json:"lr"`
	Beta        float64   `json:"beta"`
	WeightDecay float64   `json:"weight_decay"`
	Clip        float64   `json:"clip"` // max global grad norm, 0 = off
	Seed        uint64    `json:"seed"`
	TrainLimit  int       `json:"train_limit"` // 0 = all training images
	// KL schedules and free bits (docs/flags.md); zero is off.
	BetaWarmup int     `json:"beta_warmup,omitempty"` // epochs over which β rises from 0
	BetaCycles int     `json:"beta_cycles,omitempty"` // cyclical β: cycles over the run
	FreeBits   float64 `json:"free_bits,omitempty"`   // λ nats per latent unit

	// Not saved in checkpoints: they describe this process.
	Checkpoint      string        `json:"-"` // written atomically each epoch and on stop
	Metrics         io.Writer     `json:"-"` // JSON Lines, one "epoch" object per epoch
	ExitWhenDone    bool          `json:"-"` // Run returns after the last epoch
	PublishInterval time.Duration `json:"-"` // snapshot rate limit, default 150ms (~7/s): each frame a viewer draws costs training ~0.25%
	ReconCount      int           `json:"-"` // test images reconstructed for display
	SampleCount     int           `json:"-"` // prior samples kept for display
	VisualInterval  time.Duration `json:"-"` // how often reconstructions/samples refresh
	DataSource      string        `json:"-"` // shown to viewers
	Label           string        `json:"-"` // the run's name for people (--name); "" names it by its checkpoint
	// GivenBeta and GivenLR say Beta and LR were given for this process
	// (--beta, --lr): resuming, they then win over the values the run had
	// reached (by keys, say), even when equal to its starting ones.
	GivenBeta bool `json:"-"`
	GivenLR   bool `json:"-"`
}

// Defaults returns the tutorial's recipe.
func Defaults() Options {
	return Options{
		Model: nn.DefaultConfig(), Epochs: 20, Batch: 128, LR: 1e-3, Beta: 1, Seed: 1,
		PublishInterval: 150 * time.Millisecond, ReconCount: 16, SampleCount: 64,
		VisualInterval: 2 * time.Second,
	}
}

// Validate reports the first bad value as one line naming its flag. The
// float ranges are written so that NaN fails them (every comparison with NaN
// is false) and ±Inf falls outside them: a non-finite value would train into
// NaN weights and could not be written to a checkpoint's JSON header.
func (o *Options) Validate() error {
	switch {
	case o.Epochs < 1 || o.Epochs > 100000:
		return fmt.Errorf("--epochs %d must be in 1..100000", o.Epochs)
	case o.Batch < 1 || o.Batch > 60000:
		return fmt.Errorf("--batch %d must be in 1..60000", o.Batch)
	case !(o.LR > 0 && o.LR <= 10):
		return fmt.Errorf("--lr %g must be in (0, 10]", o.LR)
	case !(o.Beta >= 0 && o.Beta <= 1000):
		return fmt.Errorf("--beta %g must be in [0, 1000]", o.Beta)
	case !(o.WeightDecay >= 0 && o.WeightDecay <= 1):
		return fmt.Errorf("--weight-decay %g must be in [0, 1]", o.WeightDecay)
	case !(o.Clip >= 0 && o.Clip <= math.MaxFloat64):
		return fmt.Errorf("--clip %g must be a finite number >= 0 (0 turns clipping off)", o.Clip)
	case o.TrainLimit < 0:
		return fmt.Errorf("--train-limit %d must be >= 0", o.TrainLimit)
	case o.BetaWarmup < 0 || o.BetaWarmup > 100000:
		return fmt.Errorf("--beta-warmup %d must be in 0..100000 epochs", o.BetaWarmup)
	case o.BetaCycles < 0 || o.BetaCycles > 100000:
		return fmt.Errorf("--beta-cycles %d must be in 0..100000", o.BetaCycles)
	case o.BetaWarmup > 0 && o.BetaCycles > 0:
		return fmt.Errorf("--beta-warmup and --beta-cycles are two schedules; give one")
	case !(o.FreeBits >= 0 && o.FreeBits <= 100):
		return fmt.Errorf("--free-bits %g must be in [0, 100] nats", o.FreeBits)
	}
	if err := o.Model.Validate(); err != nil {
		return err
	}
	if gb := o.memoryEstimate() / (1 << 30); gb > maxMemoryGB {
		return fmt.Errorf("--hidden %v with --batch %d needs about %.0f GB of memory (limit %d GB)", o.Model.Hidden, o.Batch, gb, maxMemoryGB)
	}
	if o.PublishInterval <= 0 {
		o.PublishInterval = 150 * time.Millisecond
	}
	if o.ReconCount <= 0 {
		o.ReconCount = 16
	}
	if o.SampleCount <= 0 {
		o.SampleCount = 64
	}
	if o.VisualInterval <= 0 {
		o.VisualInterval = 2 * time.Second
	}
	return nil
}

// maxMemoryGB bounds what a model may ask for, so that a mistyped size is a
// clear error rather than the operating system killing the process.
const maxMemoryGB = 8

// memoryEstimate is the bytes the model's buffers take: weights, gradients
// and Adam's two moments (16 bytes a parameter), and per batch row about
// four float32 buffers for every layer's width.
func (o *Options) memoryEstimate() float64 {
	m := o.Model
	enc := append(append([]int{m.Input}, m.Hidden...), 2*m.Latent)
	dec := []int{m.Latent}
	for i := len(m.Hidden) - 1; i >= 0; i-- {
		dec = append(dec, m.Hidden[i])
	}
	dec = append(dec, m.Input)
	var params, widths float64
	for _, layers := range [][]int{enc, dec} {
		for i, w := range layers {
			widths += float64(w)
			if i > 0 {
				params += float64(layers[i-1]+1) * float64(w)
			}
		}
	}
	return 16*params + 4*4*float64(o.Batch)*widths
}
