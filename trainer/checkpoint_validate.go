package trainer

import (
	"fmt"
	"math"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/nn"
)

// The CRC guards against accidents, not against a file made by hand: every
// field is checked here before anything is used, so that a crafted
// checkpoint can neither panic the program nor put NaN into a trainer that
// would then overwrite the user's --checkpoint file. Errors name the header
// field as the file spells it.

// validateHeader checks the JSON header on its own and against the model
// its options describe. It runs before the payload is read.
func (ck *Checkpoint) validateHeader() error {
	if ck.Version != ckptVersion {
		return fmt.Errorf("version %d, this vaetop reads version %d", ck.Version, ckptVersion)
	}
	if err := ck.Options.Validate(); err != nil {
		return fmt.Errorf("options: %v", err)
	}
	if !validRunID(ck.RunID) {
		return fmt.Errorf("run_id %q must be at most 64 letters, digits, '-' or '_'", ck.RunID)
	}
	if err := ck.validatePosition(); err != nil {
		return err
	}
	switch {
	case ck.Step < 0:
		return fmt.Errorf("step %d must be >= 0", ck.Step)
	case ck.AdamStep < 0:
		return fmt.Errorf("adam_step %d must be >= 0", ck.AdamStep)
	// The ranges the flags and the SetBeta/SetLR commands allow; NaN fails.
	case !(ck.Beta >= 0 && ck.Beta <= 1000):
		return fmt.Errorf("beta_now %g must be in [0, 1000]", ck.Beta)
	case !(ck.LR > 0 && ck.LR <= 10):
		return fmt.Errorf("lr_now %g must be in (0, 10]", ck.LR)
	case ck.TrainTime < 0:
		return fmt.Errorf("train_time %v must be >= 0", ck.TrainTime)
	case ck.Elapsed < 0:
		return fmt.Errorf("elapsed %v must be >= 0", ck.Elapsed)
	}
	if err := ck.validateSums(); err != nil {
		return err
	}
	l := layoutOf(ck.Options.Model)
	switch {
	case ck.NW != l.weights:
		return fmt.Errorf("n_weights %d, the model in its options (%s) has %d", ck.NW, ck.Options.Model, l.weights)
	case ck.NState != l.state:
		return fmt.Errorf("n_state %d, the model in its options (%s) has %d", ck.NState, ck.Options.Model, l.state)
	}
	for _, r := range []struct {
		name  string
		state []byte
	}{{"Noise", ck.RNG.Noise}, {"Shuffle", ck.RNG.Shuffle}, {"Visual", ck.RNG.Visual}, {"Query", ck.RNG.Query}} {
		if err := nn.NewRNG(0, 0).UnmarshalBinary(r.state); err != nil {
			return fmt.Errorf("rng.%s: %v", r.name, err)
		}
	}
	return nil
}

// validatePosition checks where in the run the checkpoint is: epochs done,
// their history, and the place in the epoch under way. Epoch may exceed
// options.epochs: a resumed run may be given fewer --epochs, and then has
// nothing left to train.
func (ck *Checkpoint) validatePosition() error {
	switch {
	case ck.TrainSize < 1:
		return fmt.Errorf("train_size %d must be >= 1", ck.TrainSize)
	case ck.Options.TrainLimit > 0 && ck.TrainSize != ck.Options.TrainLimit:
		return fmt.Errorf("train_size %d differs from options.train_limit %d", ck.TrainSize, ck.Options.TrainLimit)
	case ck.Epoch < 0:
		return fmt.Errorf("epoch %d must be >= 0", ck.Epoch)
	case len(ck.History) != ck.Epoch:
		return fmt.Errorf("history holds %d epochs, epoch says %d", len(ck.History), ck.Epoch)
	case ck.Pos < 0 || ck.Pos > ck.TrainSize:
		return fmt.Errorf("pos %d must be in 0..%d (train_size)", ck.Pos, ck.TrainSize)
	case ck.NPerm != 0 && ck.NPerm != ck.TrainSize:
		return fmt.Errorf("n_perm %d must be 0 or train_size %d", ck.NPerm, ck.TrainSize)
	case ck.NPerm == 0 && ck.Pos != 0:
		return fmt.Errorf("pos %d with n_perm 0: only the start of an epoch has no permutation", ck.Pos)
	}
	for i, m := range ck.History {
		switch {
		case m.Kind != "epoch":
			return fmt.Errorf("history[%d].kind is %q, want \"epoch\"", i, m.Kind)
		case m.Epoch != i+1:
			return fmt.Errorf("history[%d].epoch is %d, want %d", i, m.Epoch, i+1)
		}
	}
	return nil
}

// validateSums checks the figures of the epoch under way. (History metrics
// may be NaN or ±Inf: they are only shown, and a run can produce them.)
func (ck *Checkpoint) validateSums() error {
	s := ck.Sums
	for _, f := range []struct {
		name string
		v    float64
	}{{"Loss", s.Loss}, {"BCE", s.Rec}, {"KL", s.KL}} {
		if !live.Finite(f.v) {
			return fmt.Errorf("sums.%s %g must be finite", f.name, f.v)
		}
	}
	switch {
	case s.Images < 0 || s.Images > ck.Pos:
		return fmt.Errorf("sums.Images %d must be in 0..%d (pos)", s.Images, ck.Pos)
	}
	return nil
}

// validatePayload checks the arrays read after the header.
func (ck *Checkpoint) validatePayload() error {
	for _, a := range []struct {
		name string
		v    []float32
	}{{"weights", ck.w}, {"adam first moments", ck.m}, {"adam second moments", ck.v}, {"batchnorm state", ck.state}} {
		if i := firstNonFinite(a.v); i >= 0 {
			return fmt.Errorf("%s[%d] is %g, must be finite", a.name, i, a.v[i])
		}
	}
	for i, x := range ck.v {
		if x < 0 {
			return fmt.Errorf("adam second moments[%d] is %g, must be >= 0", i, x)
		}
	}
	for _, r := range layoutOf(ck.Options.Model).runVars {
		for i := r[0]; i < r[1]; i++ {
			if ck.state[i] < 0 {
				return fmt.Errorf("batchnorm state[%d], a running variance, is %g, must be >= 0", i, ck.state[i])
			}
		}
	}
	return validatePermutation(ck.perm)
}

// firstNonFinite returns the index of the first NaN or ±Inf in a, or -1.
// It runs over every weight and moment of a checkpoint, twice when one is
// opened, so it looks at the bits: a float is not finite when its exponent
// is all ones, that is when its magnitude's bits are at least 0x7f800000,
// and adding 0x00800000 to those carries into the sign bit. OR-ing that
// over a block needs no branch per value; only a block with a hit is
// searched.
func firstNonFinite(a []float32) int {
	const block = 512
	for start := 0; start < len(a); start += block {
		b := a[start:min(start+block, len(a))]
		var carry uint32
		for _, x := range b {
			carry |= math.Float32bits(x)&0x7fffffff + 0x00800000
		}
		if carry&0x80000000 == 0 {
			continue
		}
		for i, x := range b {
			if math.Float32bits(x)&0x7fffffff >= 0x7f800000 {
				return start + i
			}
		}
	}
	return -1
}

// validatePermutation checks that perm holds each of 0..len(perm)-1 once.
func validatePermutation(perm []int) error {
	seen := make([]bool, len(perm))
	for i, p := range perm {
		switch {
		case p < 0 || p >= len(perm):
			return fmt.Errorf("permutation[%d] is %d, must be in 0..%d", i, p, len(perm)-1)
		case seen[p]:
			return fmt.Errorf("permutation[%d] repeats image %d", i, p)
		}
		seen[p] = true
	}
	return nil
}

// validate runs every check; FromCheckpoint repeats it, since a Checkpoint
// need not come from ReadCheckpoint.
func (ck *Checkpoint) validate() error {
	if err := ck.validateHeader(); err != nil {
		return err
	}
	switch {
	case len(ck.w) != ck.NW || len(ck.m) != ck.NW || len(ck.v) != ck.NW:
		return fmt.Errorf("holds %d weights and %d, %d Adam moments, the header says %d", len(ck.w), len(ck.m), len(ck.v), ck.NW)
	case len(ck.state) != ck.NState:
		return fmt.Errorf("holds %d state values, the header says %d", len(ck.state), ck.NState)
	case len(ck.perm) != ck.NPerm:
		return fmt.Errorf("holds a permutation of %d, the header says %d", len(ck.perm), ck.NPerm)
	}
	if err := ck.validatePayload(); err != nil {
		return err
	}
	return ck.validateSteps()
}

// validateSteps checks the step counts against the position. It runs last,
// once the sizes it divides are known to be sound.
func (ck *Checkpoint) validateSteps() error {
	// Steps follow from the position: every epoch takes the same number,
	// and Adam counts one update a step (a refused NaN step counts in
	// neither). A step count from elsewhere would change the results.
	batch := ck.Options.Batch
	perEpoch := int64((ck.TrainSize + batch - 1) / batch)
	want := int64(ck.Epoch)*perEpoch + int64((ck.Pos+batch-1)/batch)
	switch {
	case ck.Step != want:
		return fmt.Errorf("step %d, but epoch %d and pos %d at batch %d make %d", ck.Step, ck.Epoch, ck.Pos, batch, want)
	case ck.AdamStep != ck.Step:
		return fmt.Errorf("adam_step %d differs from step %d", ck.AdamStep, ck.Step)
	}
	for i, m := range ck.History {
		if m.Steps != int64(i+1)*perEpoch {
			return fmt.Errorf("history[%d].steps is %d, want %d", i, m.Steps, int64(i+1)*perEpoch)
		}
	}
	return nil
}

// validRunID accepts the IDs newRunID makes and any a tool might write, but
// nothing that could carry control characters into a viewer's screen.
func validRunID(id string) bool {
	if len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
