package trainer

// The KL weight's schedules. β in effect at a step is the target β (the
// --beta flag) times the schedule's factor, until a command sets β: from
// then on that run uses the value set, and the schedule is over for it.

// betaFactor is the schedule's share of the target β for the step about to
// run, s steps into the run, with spe steps an epoch:
//   - warm-up over N epochs: s / (N·spe), capped at 1;
//   - M cycles over the run's T = epochs·spe steps (Fu et al., NAACL 2019,
//     R = 0.5): τ = (s mod T/M) / (T/M), factor τ/0.5 capped at 1.
//
// The schedule ends where the run ends: from step T on, no new cycle
// starts and the factor stays at the last cycle's 1.
func betaFactor(o Options, s int64, spe int) float64 {
	switch {
	case o.BetaWarmup > 0:
		return min(1, float64(s)/float64(o.BetaWarmup*spe))
	case o.BetaCycles > 0:
		total := int64(o.Epochs) * int64(spe)
		if s >= total {
			return 1
		}
		period := float64(total) / float64(o.BetaCycles)
		pos := float64(s)
		tau := (pos - period*float64(int64(pos/period))) / period
		return min(1, tau/0.5)
	}
	return 1
}

// scheduled reports whether β follows a schedule now.
func (t *Trainer) scheduled() bool {
	return !t.betaSet && (t.opts.BetaWarmup > 0 || t.opts.BetaCycles > 0)
}

// betaNow is β in effect for the next step.
func (t *Trainer) betaNow() float64 {
	return t.betaAt(t.step)
}

// betaOfLastStep is β of the step just done: the epoch line's β.
func (t *Trainer) betaOfLastStep() float64 {
	return t.betaAt(max(0, t.step-1))
}

// betaAt is β of step s (0-based) under the run's current settings.
func (t *Trainer) betaAt(s int64) float64 {
	if !t.scheduled() {
		return t.beta
	}
	return t.opts.Beta * betaFactor(t.opts, s, t.stepsPerEpoch())
}

// betaTarget is the β recipes are compared on: the run's --beta, or the
// value a command set. The test loss weighs the KL with it, whatever the
// schedule, so a cycle's β = 0 never reads as a better model.
func (t *Trainer) betaTarget() float64 {
	return t.beta
}
