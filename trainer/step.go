package trainer

import (
	"fmt"
	"math"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/nn"
)

// startEpoch draws the epoch's shuffled order.
func (t *Trainer) startEpoch() {
	n := t.trainSize()
	t.perm = make([]int, n)
	for i := range t.perm {
		t.perm[i] = i
	}
	t.shuffle.Shuffle(t.perm)
	t.pos = 0
	t.sums = epochSums{}
}

// trainStep trains on the next batch of the permutation. A non-finite loss
// or gradient leaves the weights untouched and pauses the run.
func (t *Trainer) trainStep() {
	if t.testHookStep != nil {
		t.testHookStep()
	}
	start := time.Now()
	n := min(t.opts.Batch, len(t.perm)-t.pos)
	idx := t.perm[t.pos : t.pos+n]
	train := t.data.Train
	in := t.opts.Model.Input
	train.Images.Fill(t.xbuf[:n*in], idx)
	for i, j := range idx {
		t.labels[i] = train.Labels[j]
	}
	x := nn.Mat{Rows: n, Cols: in, Data: t.xbuf[:n*in]}
	ps := t.model.Params
	saved := t.saveState()
	beta := t.betaNow()
	loss := t.model.Step(x, t.labels[:n], float32(beta))
	ps.GroupNorms(t.groupNorms)
	var sq float64
	for _, g := range t.groupNorms {
		sq += g * g
	}
	norm := math.Sqrt(sq)
	total := loss.Rec + beta*loss.KLTrained // KLTrained is KL unless free bits
	if !live.Finite(total) || !live.Finite(norm) {
		t.restoreState(saved)
		t.pauseOnNaN(total/float64(n), norm) // per image, as the charts show it
		return
	}
	if t.opts.Clip > 0 {
		ps.ClipGradNorm(norm, t.opts.Clip)
	}
	t.adam.LR = t.lr
	t.adam.Update(ps.W, ps.G)

	t.step++
	t.pos += n
	t.sums.Loss += total
	t.sums.Rec += loss.Rec
	t.sums.KL += loss.KL
	t.sums.Images += n
	fn := float64(n)
	t.pending = append(t.pending, live.StepMetric{
		Step: t.step, Epoch: t.epoch + 1, Rec: loss.Rec / fn, KL: loss.KL / fn, Loss: total / fn,
		GradNorm: norm, Beta: beta, LR: t.lr, BetaScheduled: t.scheduled(),
	})
	d := time.Since(start)
	t.trainTime += d
	t.elapsed += d
	t.rate.add(n, d)
}

// saveState keeps BatchNorm running statistics, which a forward pass
// updates before the loss is known, so a NaN step can be undone.
func (t *Trainer) saveState() []float32 {
	s := t.model.Params.State
	if len(s) == 0 {
		return nil
	}
	if t.stateCopy == nil {
		t.stateCopy = make([]float32, len(s))
	}
	copy(t.stateCopy, s)
	return t.stateCopy
}

func (t *Trainer) restoreState(saved []float32) {
	copy(t.model.Params.State, saved)
}

// endEpoch evaluates the test set, records and writes the epoch's metrics
// and checkpoints.
func (t *Trainer) endEpoch() error {
	t.epoch++
	m := t.evaluate()
	t.history = append(t.history, m)
	t.perm, t.pos, t.sums, t.trainTime = nil, 0, epochSums{}, 0
	if t.opts.Metrics != nil {
		if err := writeMetric(t.opts.Metrics, m); err != nil {
			return fmt.Errorf("writing metrics: %w", err)
		}
	}
	t.saveEpochCheckpoint()
	t.keep()
	t.frozen.stale = true
	t.refreshVisuals()
	t.keyframe()
	t.epochTime.ended(t.clock.activeAt(time.Now()))
	t.publish()
	return nil
}

// saveEpochCheckpoint writes the end-of-epoch checkpoint when a path is
// set. A failure is told at once and training goes on: the state is still
// in memory, and the next epoch or the final save may succeed.
func (t *Trainer) saveEpochCheckpoint() {
	path := t.opts.Checkpoint
	if path == "" {
		return
	}
	if err := t.saveTo(path); err != nil {
		t.emit(live.Event{Kind: live.EventSaveFailed, Step: t.step, Epoch: t.epoch,
			Text: fmt.Sprintf("epoch %d not saved: %v; training continues", t.epoch, err)})
		return
	}
	t.emit(live.Event{Kind: live.EventCheckpointSaved, Step: t.step, Epoch: t.epoch,
		Text: fmt.Sprintf("saved epoch %d to %q", t.epoch, path)})
}

// evaluate computes the finished epoch's metrics, including the test loss
// (evaluation mode, z sampled, as the tutorial's test loop).
func (t *Trainer) evaluate() live.EpochMetric {
	n := float64(t.sums.Images)
	secs := t.trainTime.Seconds()
	test := t.data.Test
	in := t.opts.Model.Input
	rng := nn.NewRNG(t.opts.Seed, streamEvalBase+uint64(t.epoch))
	var rec, kl float64
	if t.testHookEval != nil {
		t.testHookEval()
	}
	capture := t.newCapture()
	L := t.opts.Model.Latent
	// Chunk through the batch buffer to keep memory flat.
	for start := 0; start < test.Len(); start += t.opts.Batch {
		c := min(t.opts.Batch, test.Len()-start)
		test.Images.FillRange(t.xbuf[:c*in], start, c)
		l := t.model.EvaluateMeans(nn.Mat{Rows: c, Cols: in, Data: t.xbuf[:c*in]}, test.Labels[start:start+c], rng, capture.mu[start*L:(start+c)*L], capture.kl)
		rec += l.Rec
		kl += l.KL
	}
	nt := float64(test.Len())
	m := live.EpochMetric{
		Kind: "epoch", Epoch: t.epoch,
		TrainLoss: t.sums.Loss / n, TrainRec: t.sums.Rec / n, TrainKL: t.sums.KL / n,
		TestLoss: (rec + t.betaTarget()*kl) / nt, TestRec: rec / nt, TestKL: kl / nt,
		Seconds: secs, Beta: t.betaOfLastStep(), LR: t.lr, Steps: t.step,
	}
	t.latest = t.latents(capture)
	m.ActiveUnits = t.latest.Active
	if secs > 0 {
		m.SamplesPerSec = n / secs
	}
	return m
}
