package trainer

import (
	"time"

	"github.com/vaetop/vaetop/live"
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
	snap := &live.Snapshot{
		Time: time.Now(), State: t.state, Message: t.message,
		CurrentEpoch: min(t.epoch+1, t.opts.Epochs), Epochs: t.opts.Epochs,
		Step: t.step, StepInEpoch: (t.pos + t.opts.Batch - 1) / t.opts.Batch, StepsPerEpoch: t.stepsPerEpoch(),
		Beta: t.betaNow(), LR: t.lr, Clip: t.opts.Clip,
		ImagesPerSec: t.rate.perSec, Elapsed: t.elapsedNow(),
		EpochHistory: append([]live.EpochMetric(nil), t.history...),
		Recon:        t.recon, Samples: t.samples, Latents: t.latest, Timeline: t.timeline,
	}
	if t.state == live.Finished || t.state == live.Stopped && t.epoch >= t.opts.Epochs {
		snap.CurrentEpoch = t.opts.Epochs
	}
	snap.ETA = t.eta()
	snap.RollbackPoint = t.rollbackPoint()
	names := t.model.Params.Groups
	snap.LayerNorms = make([]live.LayerNorm, len(names))
	for i, g := range names {
		snap.LayerNorms[i] = live.LayerNorm{Name: g.Name, Norm: t.groupNorms[i]}
	}
	if head := t.model.LastHead(); head.Rows > 0 && t.step > 0 {
		nn.KLPerDim(head, t.klPerDim)
		snap.KLPerDim = append([]float64(nil), t.klPerDim...)
	}
	steps := append([]live.StepMetric(nil), t.pending...)
	t.pending = t.pending[:0]
	events := t.events
	t.events = nil
	t.refreshFrozen(snap.Time)
	t.hub.Publish(snap, steps, events)
	t.lastPublish = snap.Time
}

// elapsedNow is the wall time since Run started here; a checkpoint opened
// for exploring, which never runs, shows the training time it recorded.
func (t *Trainer) elapsedNow() time.Duration {
	if t.clock.start.IsZero() {
		return t.elapsed
	}
	return t.clock.elapsedAt(time.Now())
}

// eta is the time left: the epochs left at the measured wall time of an
// epoch (its test pass and saves included, pauses not).
func (t *Trainer) eta() time.Duration {
	if t.state == live.Finished || t.state == live.Stopped {
		return 0
	}
	per := t.epochTime.perEpoch
	if per == 0 { // no whole epoch measured yet: estimate from the training rate
		if t.rate.perSec <= 0 {
			return 0
		}
		// A test image costs about a third of a training image (a forward
		// pass, no backward pass or update).
		images := float64(t.trainSize()) + float64(t.data.Test.Len())/3
		per = time.Duration(images / t.rate.perSec * float64(time.Second))
	}
	left := float64(t.opts.Epochs-t.epoch) - float64(t.pos)/float64(t.trainSize())
	return time.Duration(max(0, left) * float64(per))
}

// recName names the reconstruction loss for people: "BCE" or "MSE".
func recName(loss string) string {
	if loss == "mse" {
		return "MSE"
	}
	return "BCE"
}
