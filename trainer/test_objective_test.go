package trainer

import (
	"math"
	"testing"

	"github.com/vaetop/vaetop/live"
)

// Under a β schedule, every epoch's test loss is reconstruction plus the
// target β times KL, so recipes compare on one objective; the epoch's β is
// its last step's, and a cycle never restarts after the last step.
func TestTestLossUsesTargetBeta(t *testing.T) {
	for _, c := range []struct {
		name           string
		epochs         int
		warmup, cycles int
	}{
		{"cycles 4 over 20 epochs", 20, 0, 4},
		{"warm-up over 5 epochs", 8, 5, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := smallOptions()
			o.Epochs, o.Beta, o.BetaWarmup, o.BetaCycles = c.epochs, 1.5, c.warmup, c.cycles
			tr := mustNew(t, o, synthData(t, 96, 40)) // 3 steps an epoch
			h := runToEnd(t, tr)
			all, _ := tr.Subscribe().Next()
			stepBeta := map[int64]float64{}
			for _, s := range all.Steps {
				stepBeta[s.Step] = s.Beta
			}
			for _, e := range h {
				want := e.TestRec + 1.5*e.TestKL
				if math.Abs(e.TestLoss-want) > 1e-6*math.Abs(want) {
					t.Errorf("epoch %d: test loss %v, want rec + β·KL = %v", e.Epoch, e.TestLoss, want)
				}
				if b, ok := stepBeta[e.Steps]; !ok || e.Beta != b {
					t.Errorf("epoch %d: β %v, its last step (%d) had %v", e.Epoch, e.Beta, e.Steps, b)
				}
			}
			if last := h[len(h)-1]; last.Beta != 1.5 {
				t.Errorf("last epoch's β %v, want the schedule's end value 1.5", last.Beta)
			}
			if b := tr.betaNow(); b != 1.5 {
				t.Errorf("after the last step β is %v: a new cycle started after the run", b)
			}
		})
	}
}

// A β command sets the target: later test losses use the value set.
func TestTestLossFollowsSetBeta(t *testing.T) {
	o := smallOptions()
	o.Epochs, o.Beta, o.BetaCycles = 3, 1, 2
	tr := mustNew(t, o, synthData(t, 96, 40))
	tr.testHookStep = func() {
		if tr.step == 4 {
			tr.handle(live.SetBeta{Beta: 0.25})
		}
	}
	h := runToEnd(t, tr)
	if e := h[0]; math.Abs(e.TestLoss-(e.TestRec+e.TestKL)) > 1e-6*e.TestLoss {
		t.Errorf("epoch 1: test loss %v, want rec + 1·KL", e.TestLoss)
	}
	for _, e := range h[1:] {
		if math.Abs(e.TestLoss-(e.TestRec+0.25*e.TestKL)) > 1e-6*e.TestLoss || e.Beta != 0.25 {
			t.Errorf("epoch %d: test loss %v β %v, want rec + 0.25·KL and β 0.25", e.Epoch, e.TestLoss, e.Beta)
		}
	}
}
