package trainer

import (
	"fmt"
	"time"

	"github.com/vaetop/vaetop/live"
)

// keptState is the run as it stood at the end of the last finished epoch
// (or where Run started): what Rollback restores. Its buffers are allocated
// once and overwritten at each epoch end, so keeping it costs one copy of
// the weights and moments per epoch and nothing per step.
type keptState struct {
	w, m, v, bn []float32
	adamStep    int64
	perm        []int // used only when hasPerm (a run resumed mid-epoch)
	hasPerm     bool
	pos         int
	step        int64
	epoch       int
	sums        epochSums
	historyLen  int // the history only grows between keeps
	trainTime   time.Duration
	// The training streams: dropout and reparameterisation noise, and the
	// epoch permutations. The visual and query streams only choose what
	// viewers see, so they go on rather than repeat the same pictures.
	noise, shuffle []byte
}

func (t *Trainer) rollbackPoint() live.RollbackPoint {
	k := &t.kept
	return live.RollbackPoint{Epoch: k.epoch, Step: k.step, MidEpoch: k.hasPerm}
}

// allocateKept sizes the kept state's buffers.
func (t *Trainer) allocateKept() {
	k := &t.kept
	n := len(t.model.Params.W)
	k.w, k.m, k.v = make([]float32, n), make([]float32, n), make([]float32, n)
	k.bn = make([]float32, len(t.model.Params.State))
	k.perm = make([]int, 0, t.trainSize())
}

// keep records the current state as the one Rollback returns to.
func (t *Trainer) keep() {
	k := &t.kept
	copy(k.w, t.model.Params.W)
	copy(k.m, t.adam.M)
	copy(k.v, t.adam.V)
	copy(k.bn, t.model.Params.State)
	k.adamStep = t.adam.Step
	k.hasPerm = t.perm != nil
	k.perm = append(k.perm[:0], t.perm...)
	k.pos, k.step, k.epoch, k.sums = t.pos, t.step, t.epoch, t.sums
	k.historyLen = len(t.history)
	k.trainTime = t.trainTime
	// The states are a few bytes; MarshalBinary's allocation is per epoch.
	k.noise = mustMarshal(t.model.Noise.MarshalBinary())
	k.shuffle = mustMarshal(t.shuffle.MarshalBinary())
}

func mustMarshal(b []byte, err error) []byte {
	if err != nil {
		panic(err) // a PCG cannot fail to marshal
	}
	return b
}

// rollBack restores the kept state and pauses. β and the learning rate
// stay as they are now.
func (t *Trainer) rollBack() {
	k := &t.kept
	t.frozen.stale = true
	copy(t.model.Params.W, k.w)
	copy(t.adam.M, k.m)
	copy(t.adam.V, k.v)
	copy(t.model.Params.State, k.bn)
	t.adam.Step = k.adamStep
	t.perm = nil
	if k.hasPerm {
		t.perm = append([]int(nil), k.perm...)
	}
	t.pos, t.step, t.epoch, t.sums = k.pos, k.step, k.epoch, k.sums
	t.history = t.history[:k.historyLen]
	t.trainTime = k.trainTime
	if err := t.model.Noise.UnmarshalBinary(k.noise); err != nil {
		panic(err)
	}
	if err := t.shuffle.UnmarshalBinary(k.shuffle); err != nil {
		panic(err)
	}
	t.pending = t.pending[:len(live.StepsUpTo(t.pending, k.step))]
	t.hub.RollBack(k.step)
	then := "paused"
	t.state = live.Paused
	if t.epoch >= t.opts.Epochs { // back to the end of the last epoch: done again
		t.state, then = live.Finished, "finished"
	}
	where := t.rollbackPoint().String()
	if !k.hasPerm {
		where += fmt.Sprintf(" (step %d)", k.step)
	}
	t.emit(live.Event{Kind: live.EventRolledBack, Step: k.step, Epoch: k.epoch,
		Text: fmt.Sprintf("rolled back to %s, keeping β %g and learning rate %g; %s", where, t.betaNow(), t.lr, then)})
	t.trimTimeline()
	t.refreshVisuals()
}

// pauseOnNaN pauses after a step whose loss or gradient norm was not
// finite. The step was not applied, but the weights and moments that
// produced it have diverged, so resuming as they are leads straight back
// here: the message points to Rollback.
func (t *Trainer) pauseOnNaN(loss, norm float64) {
	t.state = live.Paused
	p := t.rollbackPoint()
	t.emit(live.Event{Kind: live.EventNaNPause, Step: t.step + 1, Epoch: p.Epoch, Text: nonFiniteText(t.step+1, loss, norm)})
	t.message += fmt.Sprintf(" The weights that produced it have diverged: roll back to %s, lower the learning rate or β, then resume.", p)
	t.publish()
}

// nonFiniteText says which of a step's loss and gradient norm was not
// finite (a loss can be huge but finite while the gradient overflowed) and
// gives both.
func nonFiniteText(step int64, loss, norm float64) string {
	what := "loss and gradient norm"
	switch {
	case live.Finite(loss):
		what = "gradient norm"
	case live.Finite(norm):
		what = "loss"
	}
	return fmt.Sprintf("non-finite %s at step %d (loss %.4g, grad norm %.4g): paused before the update.", what, step, loss, norm)
}
