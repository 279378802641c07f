package live

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

var t0 = time.Unix(1_700_000_000, 0)

// A run logging every 2 s that stops is stalled once a minute passes (5×2 s
// is less than the minute), and not before.
func TestStalledAfterItsThreshold(t *testing.T) {
	var g Growth
	g.Grew(t0, true)
	at := t0
	for range 50 {
		at = at.Add(2 * time.Second)
		g.Grew(at, false)
	}
	if g.Stalled(at.Add(59 * time.Second)) {
		t.Error("stalled after 59 s")
	}
	if !g.Stalled(at.Add(61 * time.Second)) {
		t.Error("not stalled after 61 s")
	}
}

// A slow run (a line every 3 minutes) is not stalled after 10 minutes,
// and is after 16: five times its median interval.
func TestSlowRunHasALongerThreshold(t *testing.T) {
	var g Growth
	at := t0
	g.Grew(at, true)
	for range 10 {
		at = at.Add(3 * time.Minute)
		g.Grew(at, false)
	}
	if g.Threshold() != 15*time.Minute {
		t.Errorf("threshold %v, want 15m", g.Threshold())
	}
	if g.Stalled(at.Add(10 * time.Minute)) {
		t.Error("stalled after 10 min")
	}
	if !g.Stalled(at.Add(16 * time.Minute)) {
		t.Error("not stalled after 16 min")
	}
}

// A healthy run writing in irregular bursts (a few lines at once, then a
// pause for evaluation up to 40 s) is never flagged.
func TestBurstyRunNotStalled(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var g Growth
	at := t0
	g.Grew(at, true)
	for range 500 {
		gap := time.Duration(50+rng.IntN(500)) * time.Millisecond
		if rng.IntN(20) == 0 {
			gap = time.Duration(20+rng.IntN(20)) * time.Second
		}
		// Check just before each growth: never stalled.
		if g.Stalled(at.Add(gap - time.Millisecond)) {
			t.Fatalf("flagged stalled after a %v pause", gap)
		}
		at = at.Add(gap)
		g.Grew(at, false)
	}
}

// A file that never grew while followed is idle, not stalled.
func TestIdleIsNotStalled(t *testing.T) {
	var g Growth
	g.Grew(t0, true)
	g.Grew(t0, false) // looked at again: the same time, no growth
	if g.Stalled(t0.Add(time.Hour)) || !g.Idle(t0.Add(time.Hour)) {
		t.Error("a file found silent should be idle, not stalled")
	}
}

// A loss that climbs away from its best is flagged; a noisy converging
// one (noise ±15%) is not; a NaN is flagged at once.
func TestDivergence(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var ok Divergence
	for i := range 5000 {
		base := 100/(1+float64(i)/200) + 20
		ok.Add(base * (1 + 0.3*(rng.Float64()-0.5)))
		if d, why := ok.Diverging(); d {
			t.Fatalf("a noisy converging loss flagged at point %d: %s", i, why)
		}
	}
	var bad Divergence
	flagged := -1
	for i := range 400 {
		v := 100 / (1 + float64(i)/20)
		if i >= 200 {
			v = 100 / (1 + 200.0/20) * math.Pow(1.05, float64(i-200)) // blows up from point 200
		}
		bad.Add(v)
		if d, _ := bad.Diverging(); d && flagged < 0 {
			flagged = i
		}
	}
	if flagged < 200 || flagged > 200+3*RisePoints {
		t.Errorf("a loss growing 5%% a point from point 200 was flagged at %d", flagged)
	}
	var nan Divergence
	nan.Add(1)
	nan.Add(math.NaN())
	if d, why := nan.Diverging(); !d || why != "loss not finite" {
		t.Errorf("NaN: %v %q", d, why)
	}
	for range RisePoints {
		nan.Add(1)
	}
	if d, why := nan.Diverging(); d {
		t.Errorf("recovered for %d points, still flagged: %q", RisePoints, why)
	}
}
