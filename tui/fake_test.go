package tui

import (
	"math"
	"sync"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/nn"
)

// fakeRun stands in for a trainer and its subscription: it records the
// commands sent and hands out the snapshots a test publishes.
type fakeRun struct {
	mu      sync.Mutex
	sent    []live.Command
	refuse  bool
	ch      chan struct{}
	pending []live.Snapshot
	closed  bool
}

func newFakeRun() *fakeRun { return &fakeRun{ch: make(chan struct{}, 1)} }

func (f *fakeRun) Send(c live.Command) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refuse {
		return false
	}
	f.sent = append(f.sent, c)
	return true
}

func (f *fakeRun) commands() []live.Command {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]live.Command(nil), f.sent...)
}

func (f *fakeRun) C() <-chan struct{} { return f.ch }

// Next merges everything published since the last call, like the trainer's
// subscription: the latest snapshot with all the steps.
func (f *fakeRun) Next() (live.Snapshot, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.pending) == 0 {
		return live.Snapshot{}, false
	}
	s := f.pending[len(f.pending)-1]
	var steps []live.StepMetric
	for _, p := range f.pending {
		steps = append(steps, p.Steps...)
	}
	s.Steps, f.pending = steps, nil
	return s, true
}

func (f *fakeRun) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.closed {
		f.closed = true
		close(f.ch)
	}
}

func (f *fakeRun) publish(s live.Snapshot) {
	f.mu.Lock()
	f.pending = append(f.pending, s)
	f.mu.Unlock()
	select {
	case f.ch <- struct{}{}:
	default:
	}
}

// fakeSnapshot is a plausible mid-run snapshot whose steps run from
// first to last.
func fakeSnapshot(first, last int) live.Snapshot {
	s := live.Snapshot{
		Time: time.Unix(1700000000, 0), State: live.Running,
		CurrentEpoch: 3, Epochs: 20, Step: int64(last), StepInEpoch: 7, StepsPerEpoch: 16,
		Beta: 1, LR: 1e-3, ImagesPerSec: 5120, Elapsed: 62 * time.Second, ETA: 225 * time.Second,
	}
	s.Steps = fakeSteps(first, last)
	for e := 1; e <= 2; e++ {
		s.EpochHistory = append(s.EpochHistory, live.EpochMetric{Kind: "epoch", Epoch: e,
			TrainLoss: 200 / float64(e), TestLoss: 190 / float64(e), TrainRec: 180 / float64(e), TrainKL: 20})
	}
	for _, n := range []string{"enc1", "enc2", "mu|logvar", "dec1", "dec2", "out"} {
		s.LayerNorms = append(s.LayerNorms, live.LayerNorm{Name: n, Norm: float64(len(n))})
	}
	s.Recon = testImages(16, 1, true)
	s.Samples = testImages(64, 2, false)
	return s
}

// fakeSteps are step metrics with a decaying loss and gradient norm.
func fakeSteps(first, last int) []live.StepMetric {
	var out []live.StepMetric
	for i := first; i <= last; i++ {
		x := float64(i)
		bce := 100 + 400*math.Exp(-x/60) + 3*math.Sin(x)
		kl := 25 - 20*math.Exp(-x/40)
		out = append(out, live.StepMetric{Step: int64(i), Epoch: 1 + i/16, Rec: bce, KL: kl,
			Loss: bce + kl, GradNorm: 40 * math.Exp(-x/80), Beta: 1, LR: 1e-3})
	}
	return out
}

// fakeInfo describes the fake run: the tutorial's model on 2000 images,
// no checkpoint.
func fakeInfo() live.RunInfo {
	return live.RunInfo{ID: "fake", Label: "fake run", ModelLabel: nn.DefaultConfig().String(), RecName: "BCE",
		Latent: 32, DataSource: "synthetic", TrainSize: 2000, Epochs: 20}
}
