package tui_test

import (
	"math"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui"
)

// The frame benchmarks drive the dashboard through its public API only
// (New, Init, Update, View and a live.Feed), so the same file measures the
// tui before and after a change of its insides.

// benchFeed is a feed that always has its next snapshot ready.
type benchFeed struct {
	c    chan struct{}
	next live.Snapshot
}

func (f *benchFeed) C() <-chan struct{} {
	select {
	case f.c <- struct{}{}:
	default:
	}
	return f.c
}
func (f *benchFeed) Next() (live.Snapshot, bool) { return f.next, true }
func (f *benchFeed) Close()                      {}

// benchSteps are step metrics with a decaying loss and gradient norm.
func benchSteps(first, last int) []live.StepMetric {
	out := make([]live.StepMetric, 0, last-first+1)
	for i := first; i <= last; i++ {
		x := float64(i)
		bce := 100 + 400*math.Exp(-x/60) + 3*math.Sin(x)
		kl := 25 - 20*math.Exp(-x/40)
		out = append(out, live.StepMetric{Step: int64(i), Epoch: 1 + i/16, Rec: bce, KL: kl,
			Loss: bce + kl, GradNorm: 40 * math.Exp(-x/80), Beta: 1, LR: 1e-3})
	}
	return out
}

// benchImages are n 28x28 digits with a bright bar at a place each.
func benchImages(n, version int, originals bool) *live.Images {
	im := &live.Images{N: n, W: 28, H: 28, Version: version, Pixels: make([]float32, n*784)}
	for i := 0; i < n; i++ {
		for y := 4; y < 24; y++ {
			im.Pixels[i*784+y*28+4+i%20] = 1
		}
	}
	if originals {
		im.Originals = append([]float32(nil), im.Pixels...)
	}
	return im
}

// benchSnapshot is a mid-run snapshot with steps up to last.
func benchSnapshot(first, last int) live.Snapshot {
	s := live.Snapshot{
		Time: time.Unix(1700000000, 0), State: live.Running,
		CurrentEpoch: 3, Epochs: 20, Step: int64(last), StepInEpoch: 7, StepsPerEpoch: 16,
		Beta: 1, LR: 1e-3, ImagesPerSec: 5120, Elapsed: 62 * time.Second, ETA: 225 * time.Second,
		Steps: benchSteps(first, last), Recon: benchImages(16, 1, true), Samples: benchImages(64, 2, false),
	}
	for e := 1; e <= 2; e++ {
		s.EpochHistory = append(s.EpochHistory, live.EpochMetric{Kind: "epoch", Epoch: e,
			TrainLoss: 200 / float64(e), TestLoss: 190 / float64(e), TrainRec: 180 / float64(e), TrainKL: 20})
	}
	for _, n := range []string{"enc1", "enc2", "mu|logvar", "dec1", "dec2", "out"} {
		s.LayerNorms = append(s.LayerNorms, live.LayerNorm{Name: n, Norm: float64(len(n))})
	}
	return s
}

// benchDashboard is a w×h dashboard in true colour with a 2000-step
// history, and the function that feeds it its next snapshot: three new
// steps, the same images (as the trainer's between visual refreshes).
func benchDashboard(b *testing.B, w, h int, interval time.Duration) (*tui.Model, func()) {
	b.Helper()
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.TrueColor)
	feed := &benchFeed{c: make(chan struct{}, 1), next: benchSnapshot(1, 2000)}
	info := live.RunInfo{ID: "bench", Label: "bench", ModelLabel: "784-512-256-z32 relu bce", RecName: "BCE",
		Latent: 32, DataSource: "synthetic", TrainSize: 2000, Epochs: 20}
	m := tui.New([]live.Run{{Info: info, Feed: feed}}, tui.Options{Renderer: r, ChartInterval: interval})
	read := m.Init() // the feed's read: one run, so one command, which reads anew each call
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.Update(read())
	base, step := feed.next, 2001
	return m, func() {
		s := base
		s.Steps = benchSteps(step, step+2)
		s.Step = int64(step + 2)
		step += 3
		feed.next = s
		m.Update(read())
	}
}

// BenchmarkView is one frame's View at 200x60 (target ≤ 2 ms).
func BenchmarkView(b *testing.B) {
	m, _ := benchDashboard(b, 200, 60, -1)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkSnapshotFrame is the whole cost of one snapshot at 200x60 with
// no redraw rate limit: history append, every chart redrawn, status, body
// and View.
func BenchmarkSnapshotFrame(b *testing.B) {
	m, next := benchDashboard(b, 200, 60, -1)
	b.ReportAllocs()
	for b.Loop() {
		next()
		_ = m.View()
	}
}

// BenchmarkStatusFrame is a snapshot frame that only refreshes the status
// (the charts held back by the rate limit).
func BenchmarkStatusFrame(b *testing.B) {
	m, next := benchDashboard(b, 200, 60, time.Hour)
	next() // the first redraw after the start is due at once; then the limit holds
	b.ReportAllocs()
	for b.Loop() {
		next()
		_ = m.View()
	}
}
