package trainer

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/live"
)

// latentsPerEpoch trains with a viewer asking for the model from the
// start and collects every test pass's Latents: the one taken at the
// start and one per epoch (a viewer may skip some, since a
// feed keeps only the latest snapshot; the trainer publishes them all).
func latentsPerEpoch(t *testing.T, o Options, data Data) []*live.Latents {
	t.Helper()
	tr := mustNew(t, o, data)
	tr.Frozen() // a viewer explores from the start: latents before the first epoch
	var got []*live.Latents
	tr.testHookStep = func() {
		if len(got) == 0 || got[len(got)-1] != tr.latest {
			got = append(got, tr.latest)
		}
	}
	runToEnd(t, tr)
	return append(got, tr.latest)
}

func TestLatentsArePublishedAtStartAndEveryEpoch(t *testing.T) {
	data := synthData(t, 200, 60)
	o := smallOptions()
	o.Epochs = 3
	ls := latentsPerEpoch(t, o, data)
	if len(ls) != 4 {
		t.Fatalf("%d test passes published, want 4 (the start and 3 epochs)", len(ls))
	}
	for i, l := range ls {
		if l.Epoch != i || l.N != 60 || l.Dim != 4 || len(l.Mu) != 240 || len(l.Var) != 4 || len(l.KL) != 4 {
			t.Fatalf("pass %d: epoch %d, %d×%d, %d means", i, l.Epoch, l.N, l.Dim, len(l.Mu))
		}
		if l.Active != live.CountActive(l.Var) {
			t.Fatalf("pass %d: Active %d, CountActive %d", i, l.Active, live.CountActive(l.Var))
		}
	}
	// The map and the active units follow training: the means of one
	// epoch are not those of the next, so neither is the map.
	for i := 1; i < len(ls); i++ {
		a, b := ls[i-1], ls[i]
		ma, err := latent.NewMap(a.Mu, a.N, a.Dim)
		if err != nil {
			t.Fatal(err)
		}
		mb, err := latent.NewMap(b.Mu, b.N, b.Dim)
		if err != nil {
			t.Fatal(err)
		}
		moved := 0.0
		for k := range ma.Points {
			moved = math.Max(moved, math.Abs(ma.Points[k]-mb.Points[k]))
		}
		if moved < 1e-3 {
			t.Fatalf("epoch %d → %d: the map did not change (largest move %g)", a.Epoch, b.Epoch, moved)
		}
		if equalFloats(a.Var, b.Var) {
			t.Fatalf("epoch %d → %d: the units' variances did not change", a.Epoch, b.Epoch)
		}
	}
}

func equalFloats(a, b []float64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Active units change from one epoch to the next: units a trained model
// uses collapse onto the prior once β is raised far above 1.
func TestActiveUnitsFallWhenTheKLDominates(t *testing.T) {
	data := synthData(t, 2000, 200)
	o := smallOptions()
	o.Epochs, o.LR = 8, 3e-3
	tr := mustNew(t, o, data)
	tr.testHookStep = func() {
		if tr.epoch >= 5 {
			tr.beta = 200
		}
	}
	h := runToEnd(t, tr)
	for _, e := range h {
		t.Logf("epoch %d: %d active, test KL %.3f", e.Epoch, e.ActiveUnits, e.TestKL)
	}
	if h[4].ActiveUnits == 0 || h[7].ActiveUnits >= h[4].ActiveUnits {
		t.Fatalf("active units %d after 5 epochs at β=1, %d after 3 more at β=200: they did not fall", h[4].ActiveUnits, h[7].ActiveUnits)
	}
	if l := tr.latest; live.Collapse(l.Active, l.Dim, l.TestKL) == "" {
		t.Fatalf("collapse not reported for %d of %d active, KL %.3f", l.Active, l.Dim, l.TestKL)
	}
}

// The epoch-end test pass and a fresh encode of the same weights agree:
// the map is taken from the pass the trainer runs anyway.
func TestEpochPassMeansEqualAFreshEncode(t *testing.T) {
	data := synthData(t, 200, 60)
	o := smallOptions()
	o.Epochs = 1
	tr := mustNew(t, o, data)
	runToEnd(t, tr)
	fresh := tr.measureLatents()
	for i := range fresh.Mu {
		if fresh.Mu[i] != tr.latest.Mu[i] {
			t.Fatalf("mean %d: test pass %v, fresh encode %v", i, tr.latest.Mu[i], fresh.Mu[i])
		}
	}
	for d := range fresh.KL {
		if math.Abs(fresh.KL[d]-tr.latest.KL[d]) > 1e-9 {
			t.Fatalf("KL of unit %d: %v and %v", d, tr.latest.KL[d], fresh.KL[d])
		}
	}
	if h := tr.history[0]; h.ActiveUnits != tr.latest.Active {
		t.Fatalf("epoch metric says %d active, the latents %d", h.ActiveUnits, tr.latest.Active)
	}
}

// A frozen copy answers like the live weights when taken and stays as it
// was while training goes on.
func TestFrozenCopyIsASnapshotOfTheWeights(t *testing.T) {
	data := synthData(t, 200, 60)
	o := smallOptions()
	o.Epochs = 2
	o.ExitWhenDone = false
	o.VisualInterval = time.Hour // one copy, unless an epoch ends
	tr := mustNew(t, o, data)
	// Asking before Run makes the first publish take a copy.
	if tr.Frozen() != nil {
		t.Fatal("a copy before the trainer ran")
	}
	sub := tr.Subscribe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	tr.Send(live.Pause{}) // hold training until the copy is taken
	go func() { done <- tr.Run(ctx) }()
	var s live.Snapshot
	for s.State != live.Paused {
		<-sub.C()
		s, _ = sub.Next()
	}
	m := tr.Frozen()
	if m == nil {
		t.Fatal("no copy after the first publish, though one was asked for")
	}
	z := make([]float32, 3*4)
	for i := range z {
		z[i] = float32(i%5) - 2
	}
	before := make([]float32, 3*784)
	m.Decode(z, nil, before)
	tr.Send(live.Resume{})
	// Let training finish (the weights move on), then decode again.
	for s.State != live.Finished {
		<-sub.C()
		s, _ = sub.Next()
	}
	after := make([]float32, 3*784)
	m.Decode(z, nil, after)
	for i := range before {
		if before[i] != after[i] {
			t.Fatal("a frozen copy changed while training went on")
		}
	}
	current, err := tr.Decode(ctx, z, nil)
	if err != nil {
		t.Fatal(err)
	}
	same := true
	for i := range current {
		same = same && current[i] == before[i]
	}
	if same {
		t.Fatal("the trained weights decode like the old copy: the test shows nothing")
	}
	cancel()
	<-done
}

// A trainer that has finished publishes nothing on its own; asking for a
// copy still gets one, with a snapshot to say so.
func TestFrozenCopyWhenFinished(t *testing.T) {
	data := synthData(t, 200, 60)
	o := smallOptions()
	o.Epochs, o.ExitWhenDone = 1, false
	tr, sub, done, cancel := runUntilFinished(t, o, data)
	defer cancel()
	if tr.Frozen() != nil {
		t.Fatal("a copy nobody asked for")
	}
	deadline := time.After(10 * time.Second)
	for tr.Frozen() == nil {
		select {
		case <-sub.C():
			sub.Next()
		case <-deadline:
			t.Fatal("no copy 10 s after asking")
		}
	}
	cancel()
	<-done
}

// A finished run's weights do not move: asking again and again for a copy
// returns the same one, so viewers are not made to decode again.
func TestFrozenCopyOfIdleWeightsIsNotRemade(t *testing.T) {
	data := synthData(t, 200, 60)
	o := smallOptions()
	o.Epochs, o.ExitWhenDone, o.VisualInterval = 1, false, time.Millisecond
	tr, _, done, cancel := runUntilFinished(t, o, data)
	defer cancel()
	var first live.Model
	for first == nil {
		first = tr.Frozen()
		time.Sleep(time.Millisecond)
	}
	for i := 0; i < 50; i++ {
		time.Sleep(time.Millisecond)
		if m := tr.Frozen(); m != first {
			t.Fatalf("ask %d: a new copy of weights that did not change", i)
		}
	}
	cancel()
	<-done
}

// Without a viewer asking, a run pays for no encode of the test set
// before its first epoch ends (a headless run, a resumed one).
func TestNoLatentsBeforeTheFirstEpochUnlessAsked(t *testing.T) {
	data := synthData(t, 200, 60)
	o := smallOptions()
	o.Epochs = 1
	tr := mustNew(t, o, data)
	var before *live.Latents
	seen := false
	tr.testHookStep = func() {
		if !seen {
			before, seen = tr.latest, true
		}
	}
	runToEnd(t, tr)
	if before != nil {
		t.Fatal("latents measured at the start with nobody asking")
	}
	if tr.latest == nil || tr.latest.Epoch != 1 {
		t.Fatal("no latents from the epoch's test pass")
	}
}

// runUntilFinished starts a trainer that stays after its last epoch and
// returns once a snapshot says it has finished.
func runUntilFinished(t *testing.T, o Options, data Data) (*Trainer, *live.Subscription, chan error, context.CancelFunc) {
	t.Helper()
	tr := mustNew(t, o, data)
	sub := tr.Subscribe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- tr.Run(ctx) }()
	var s live.Snapshot
	for s.State != live.Finished {
		<-sub.C()
		s, _ = sub.Next()
	}
	return tr, sub, done, cancel
}
