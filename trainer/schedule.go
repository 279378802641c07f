package trainer

// The KL weight's schedules. β in effect at a step is the target β (the
// --beta flag) times the schedule's factor, until a command sets β: from
// then on that run uses the value set, and the schedule is over for it.

// betaFactor is the schedule's share of the target β for the step about to
// run, s steps into the run, with spe steps an epoch:
//   - warm-up over N epochs: s / (N·spe), capped at 1;
//   - M cycles over the run's T = epochs·spe steps (Fu et al., NAACL 2019,
//     R = 0.5): τ = (s mod T/M) / (T/M), factor τ/0.5 capped at 1.
func betaFactor(o Options, s int64, spe int) float64 {
	switch {
	case o.BetaWarmup > 0:
		return min(1, float64(s)/float64(o.BetaWarmup*spe))
	case o.BetaCycles > 0:
		period := float64(o.Epochs*spe) / float64(o.BetaCycles)
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
	if !t.scheduled() {
		return t.beta
	}
	return t.opts.Beta * betaFactor(t.opts, t.step, t.stepsPerEpoch())
}
