package trainer

import (
	"time"

	"github.com/vaetop/vaetop/nn"
)

// rateMeter tracks recent throughput with an exponential moving average of
// images per second of training time.
type rateMeter struct {
	perSec float64
}

func (r *rateMeter) add(images int, d time.Duration) {
	if d <= 0 {
		return
	}
	v := float64(images) / d.Seconds()
	if r.perSec == 0 {
		r.perSec = v
		return
	}
	r.perSec += 0.05 * (v - r.perSec)
}

// publish sends a snapshot of the current state with the step metrics and
// events gathered since the last publish.
func (t *Trainer) publish() {
	snap := &Snapshot{
		Time: time.Now(), State: t.state, Message: t.message,
		CurrentEpoch: min(t.epoch+1, t.opts.Epochs), Epochs: t.opts.Epochs,
		Step: t.step, StepInEpoch: (t.pos + t.opts.Batch - 1) / t.opts.Batch, StepsPerEpoch: t.stepsPerEpoch(),
		Beta: t.betaNow(), LR: t.lr, Clip: t.opts.Clip,
		ImagesPerSec: t.rate.perSec, Elapsed: t.elapsed,
		EpochHistory: append([]EpochMetric(nil), t.history...),
		Recon:        t.recon, Samples: t.samples, Latents: t.latest, Timeline: t.timeline,
	}
	if t.state == Finished || t.state == Stopped && t.epoch >= t.opts.Epochs {
		snap.CurrentEpoch = t.opts.Epochs
	}
	snap.ETA = t.eta()
	snap.RollbackPoint = t.rollbackPoint()
	names := t.model.Params.Groups
	snap.LayerNorms = make([]LayerNorm, len(names))
	for i, g := range names {
		snap.LayerNorms[i] = LayerNorm{Name: g.Name, Norm: t.groupNorms[i]}
	}
	if head := t.model.LastHead(); head.Rows > 0 && t.step > 0 {
		nn.KLPerDim(head, t.klPerDim)
		snap.KLPerDim = append([]float64(nil), t.klPerDim...)
	}
	steps := append([]StepMetric(nil), t.pending...)
	t.pending = t.pending[:0]
	events := t.events
	t.events = nil
	t.refreshFrozen(snap.Time)
	t.hub.Publish(snap, steps, events)
	t.lastPublish = snap.Time
}

// eta estimates the training time left from the recent throughput.
func (t *Trainer) eta() time.Duration {
	if t.rate.perSec <= 0 || t.state == Finished || t.state == Stopped {
		return 0
	}
	left := (t.opts.Epochs-t.epoch)*t.trainSize() - t.pos
	if left < 0 {
		left = 0
	}
	return time.Duration(float64(left) / t.rate.perSec * float64(time.Second))
}

// recName names the reconstruction loss for people: "BCE" or "MSE".
func recName(loss string) string {
	if loss == "mse" {
		return "MSE"
	}
	return "BCE"
}
