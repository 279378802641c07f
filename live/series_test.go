package live

import (
	"math"
	"testing"
)

func linePoints(from, to float64, v func(x float64) float64) []Point {
	var ps []Point
	for x := from; x <= to; x++ {
		ps = append(ps, Point{x, v(x)})
	}
	return ps
}

// A million points fit the limit, and thinning keeps the one spike, the one
// NaN and the count of non-finite values, with steps still rising.
func TestSeriesBufKeepsSpikesAndNaN(t *testing.T) {
	b := NewSeriesBuf(SeriesLimit)
	b.Append(linePoints(1, 1e6, func(x float64) float64 {
		switch x {
		case 400_001:
			return 1e9
		case 600_001:
			return math.NaN()
		case 700_001:
			return math.Inf(1)
		}
		return 1/x + math.Sin(x*x) // noisy: the extremes fall anywhere
	}))
	if b.Len() > SeriesLimit {
		t.Fatalf("len %d > limit %d", b.Len(), SeriesLimit)
	}
	// The resolution is even: buckets span about 1e6/(SeriesLimit/4)
	// points, and no gap between kept steps is wider than two buckets,
	// oldest included.
	if b.per > 4_000_000/SeriesLimit*2 {
		t.Errorf("a bucket spans %d points", b.per)
	}
	for i := 1; i < b.Len(); i++ {
		if gap := b.X[i] - b.X[i-1]; gap > float64(4*b.per) {
			t.Fatalf("gap of %v steps at step %v (buckets of %d)", gap, b.X[i-1], b.per)
		}
	}
	if b.X[0] > float64(4*b.per) {
		t.Errorf("the oldest kept step is %v", b.X[0])
	}
	var spike, nan, inf bool
	for i, y := range b.Y {
		spike = spike || y == 1e9
		nan = nan || math.IsNaN(y)
		inf = inf || math.IsInf(y, 1)
		if i > 0 && b.X[i] <= b.X[i-1] {
			t.Fatalf("steps fall at %d: %v after %v", i, b.X[i], b.X[i-1])
		}
	}
	if !spike || !nan || !inf {
		t.Errorf("spike %v, NaN %v, Inf %v kept; want all", spike, nan, inf)
	}
	if b.NonFinite != 2 {
		t.Errorf("NonFinite = %d, want 2", b.NonFinite)
	}
	if last := b.X[b.Len()-1]; last != 1e6 {
		t.Errorf("last step %v, want 1e6", last)
	}
	// The newest points stay exact.
	if b.X[b.Len()-2] != 1e6-1 {
		t.Errorf("newest points thinned: %v", b.X[b.Len()-4:])
	}
}

// A resumed run's steps go back: the segments stay apart through thinning.
func TestSeriesBufSegmentsSurviveThinning(t *testing.T) {
	b := NewSeriesBuf(256)
	b.Append(linePoints(1, 5000, func(x float64) float64 { return x }))
	b.Append(linePoints(2500, 9000, func(x float64) float64 { return -x }))
	var segs [][2]float64
	b.Segments(func(x, y []float64) { segs = append(segs, [2]float64{x[0], x[len(x)-1]}) })
	if len(segs) != 2 || segs[0] != [2]float64{1, 5000} || segs[1] != [2]float64{2500, 9000} {
		t.Fatalf("segments %v, want [1 5000] [2500 9000]", segs)
	}
}

// Steps that keep going back make short segments everywhere, and a step
// that never moves one long one: the buffer stays bounded all the same.
func TestSeriesBufPathologicalStepsStayBounded(t *testing.T) {
	b := NewSeriesBuf(256)
	b.Append(linePoints(1, 100_000, func(x float64) float64 { return x }))
	for i := range 100_000 {
		b.Append([]Point{{float64(i % 3), float64(i)}})
	}
	for i := range 100_000 {
		b.Append([]Point{{7, float64(i)}})
	}
	if b.Len() > 2*256 {
		t.Errorf("len %d", b.Len())
	}
}

func TestSeriesBufTruncateAfter(t *testing.T) {
	b := NewSeriesBuf(100)
	b.Append([]Point{{1, 1}, {2, math.NaN()}, {3, 3}, {4, math.Inf(-1)}})
	b.TruncateAfter(2)
	if b.Len() != 2 || b.NonFinite != 1 {
		t.Fatalf("len %d NonFinite %d, want 2 and 1", b.Len(), b.NonFinite)
	}
}

// A long file's first publish reaches a late viewer whole (thinned, not
// cut), and a reset tells a viewer to forget what it drew.
func TestHubSeriesLateViewerAndReset(t *testing.T) {
	h := NewHub()
	long := linePoints(1, 300_000, func(x float64) float64 { return 1 })
	long[150_000].V = 42
	h.PublishSeries(&Snapshot{}, []SeriesPoints{{Name: "loss", Points: long}}, nil)
	late := h.Subscribe()
	snap, ok := late.Next()
	if !ok || len(snap.Series) != 1 {
		t.Fatalf("late viewer got %d series", len(snap.Series))
	}
	ps := snap.Series[0].Points
	if ps[0].Step != 1 || ps[len(ps)-1].Step != 300_000 {
		t.Errorf("late viewer's history spans %v..%v, want 1..300000", ps[0].Step, ps[len(ps)-1].Step)
	}
	if !hasValue(ps, 42) {
		t.Error("the spike was thinned away")
	}
	h.ResetSeries()
	h.PublishSeries(&Snapshot{}, []SeriesPoints{{Name: "loss", Points: []Point{{1, 7}}}}, nil)
	snap, _ = late.Next()
	if !snap.SeriesReset || len(snap.Series) != 1 || len(snap.Series[0].Points) != 1 {
		t.Fatalf("after a reset: reset %v, series %+v", snap.SeriesReset, snap.Series)
	}
	again := h.Subscribe()
	if s, _ := again.Next(); len(s.Series[0].Points) != 1 || s.SeriesReset {
		t.Errorf("a viewer joining after the reset got %+v", s.Series)
	}
}

func hasValue(ps []Point, v float64) bool {
	for _, p := range ps {
		if p.V == v {
			return true
		}
	}
	return false
}

// The trainer's step metrics travel as named series too.
func TestHubStepsAsSeries(t *testing.T) {
	h := NewHub()
	sub := h.Subscribe()
	h.Publish(&Snapshot{}, []StepMetric{{Step: 1, Loss: 3, Rec: 2, KL: 1, GradNorm: 9}, {Step: 2, Loss: math.NaN()}}, nil)
	snap, _ := sub.Next()
	got := map[string][]Point{}
	for _, sp := range snap.Series {
		got[sp.Name] = sp.Points
	}
	if got["loss"][0] != (Point{1, 3}) || got["rec"][0].V != 2 || got["kl"][0].V != 1 || got["grad_norm"][0].V != 9 {
		t.Errorf("series %v", got)
	}
	for _, sp := range snap.Series {
		if sp.Name == "loss" && sp.NonFinite != 1 {
			t.Errorf("loss NonFinite = %d, want 1", sp.NonFinite)
		}
	}
	h.RollBack(1)
	h.Publish(&Snapshot{}, nil, nil)
	late := h.Subscribe()
	s, _ := late.Next()
	for _, sp := range s.Series {
		if len(sp.Points) != 1 {
			t.Errorf("%s after rolling back to step 1: %v", sp.Name, sp.Points)
		}
	}
}

// thin keeps a loss spike from the older half of a long step history.
func TestThinKeepsLossSpike(t *testing.T) {
	h := make([]StepMetric, 1000)
	for i := range h {
		h[i] = StepMetric{Step: int64(i + 1), Loss: 1}
	}
	h[101].Loss = 50
	out := thin(h)
	if len(out) >= 1000 || out[len(out)-500].Step != 501 {
		t.Errorf("len %d, newest half from step %d; want fewer than 1000, 501 on exact", len(out), out[len(out)-500].Step)
	}
	found := false
	for _, m := range out {
		found = found || m.Loss == 50
	}
	if !found {
		t.Error("spike at step 102 thinned away")
	}
}
