package trainer

import (
	"testing"
	"time"
)

// Elapsed is wall time since the run started, and the ETA comes from the
// wall time of whole epochs: a slow test pass counts in both (defect 4 of
// #20: they counted training steps only).
func TestElapsedAndETACountTestPasses(t *testing.T) {
	const slow = 80 * time.Millisecond
	o := smallOptions()
	o.Epochs = 5
	tr := mustNew(t, o, synthData(t, 64, 16)) // 2 steps an epoch, each a few ms
	tr.testHookEval = func() { time.Sleep(slow) }
	var eta, elapsed, wall time.Duration
	var start time.Time
	tr.testHookStep = func() {
		if tr.epoch == 2 && tr.pos == 0 && eta == 0 { // 2 epochs done, 3 to go
			now := time.Now()
			eta, elapsed, wall = tr.eta(), tr.clock.elapsedAt(now), now.Sub(start)
		}
	}
	start = time.Now()
	runToEnd(t, tr)
	if eta < 3*slow || eta > 3*(slow+slow/2) {
		t.Errorf("ETA with 3 epochs of %v test passes left: %v", slow, eta)
	}
	if elapsed < 2*slow || elapsed > wall {
		t.Errorf("elapsed %v after two epochs with %v test passes, %v of wall time", elapsed, slow, wall)
	}
}

// A pause stops the ETA's clock but not the wall clock.
func TestWallClockPauses(t *testing.T) {
	var c wallClock
	t0 := time.Unix(1000, 0)
	c.begin(t0)
	c.halt(t0.Add(2 * time.Second))
	c.resume(t0.Add(5 * time.Second))
	if a, e := c.activeAt(t0.Add(6*time.Second)), c.elapsedAt(t0.Add(6*time.Second)); a != 3*time.Second || e != 6*time.Second {
		t.Errorf("active %v elapsed %v, want 3s 6s", a, e)
	}
	c.finish(t0.Add(7 * time.Second))
	if e := c.elapsedAt(t0.Add(9 * time.Second)); e != 7*time.Second {
		t.Errorf("elapsed after the end %v, want 7s", e)
	}
	var ep epochClock
	ep.began(0, false)
	ep.ended(time.Second) // a resumed part-epoch is not a measure
	ep.began(time.Second, true)
	ep.ended(3 * time.Second)
	if ep.perEpoch != 2*time.Second {
		t.Errorf("per epoch %v, want 2s", ep.perEpoch)
	}
}
