package trainer

import (
	"math"
	"testing"

	"github.com/vaetop/vaetop/live"
)

func TestBetaFactorIsHandComputed(t *testing.T) {
	warm := Options{Epochs: 4, BetaWarmup: 2}
	cyc := Options{Epochs: 4, BetaCycles: 2} // 40 steps, cycles of 20, ramps of 10
	cases := []struct {
		o    Options
		s    int64
		want float64
	}{
		{warm, 0, 0}, {warm, 5, 0.25}, {warm, 10, 0.5}, {warm, 19, 0.95}, {warm, 20, 1}, {warm, 35, 1},
		{cyc, 0, 0}, {cyc, 5, 0.5}, {cyc, 9, 0.9}, {cyc, 10, 1}, {cyc, 19, 1}, {cyc, 20, 0}, {cyc, 25, 0.5}, {cyc, 39, 1},
		{cyc, 40, 1}, {cyc, 45, 1}, // the run is over: no new cycle starts
		{Options{Epochs: 4}, 7, 1},
	}
	for _, c := range cases {
		if got := betaFactor(c.o, c.s, 10); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("warm-up %d, cycles %d, step %d: factor %v, want %v", c.o.BetaWarmup, c.o.BetaCycles, c.s, got, c.want)
		}
	}
}

// A run follows the schedule step by step until a β command, which holds
// from then on; only the scheduled steps say so.
func TestScheduleAndOverride(t *testing.T) {
	data := synthData(t, 320, 40) // 10 steps an epoch
	o := smallOptions()
	o.Epochs, o.Beta, o.BetaWarmup = 3, 2, 2
	tr := mustNew(t, o, data)
	tr.testHookStep = func() {
		if tr.step == 25 {
			tr.handle(live.SetBeta{Beta: 0.5})
		}
	}
	h := runToEnd(t, tr)
	all, _ := tr.Subscribe().Next() // a late viewer gets every step
	seen := map[int64]live.StepMetric{}
	for _, s := range all.Steps {
		seen[s.Step] = s
	}
	for step := int64(1); step <= 30; step++ {
		s, ok := seen[step]
		if !ok {
			t.Fatalf("step %d not recorded", step)
		}
		want, sched := 2*math.Min(1, float64(step-1)/20), true
		if step > 25 {
			want, sched = 0.5, false
		}
		if math.Abs(s.Beta-want) > 1e-12 || s.BetaScheduled != sched {
			t.Fatalf("step %d: β %v scheduled %v, want %v %v", step, s.Beta, s.BetaScheduled, want, sched)
		}
	}
	if h[0].Beta != 2*9.0/20 || h[1].Beta != 2*19.0/20 || h[2].Beta != 0.5 { // each epoch's last step
		t.Fatalf("epoch β %v, %v, %v", h[0].Beta, h[1].Beta, h[2].Beta)
	}
}
