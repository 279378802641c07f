package tui

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/trainer"
)

// populated is a dashboard w×h in true colour with half-block digits and
// a 2000-step history.
func populated(b *testing.B, w, h int) *Model {
	b.Helper()
	f := newFakeRun()
	r := fixedRenderer(termenv.TrueColor)
	m := New([]live.Run{{Info: fakeInfo(), Ctl: f, Feed: f}}, Options{Renderer: r, ChartInterval: -1})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.Update(snapshotMsg{snap: fakeSnapshot(1, 2000), ok: true})
	return m
}

// BenchmarkDigits redraws the digit pane (new images) at 200x60.
func BenchmarkDigits(b *testing.B) {
	m := populated(b, 200, 60)
	s := m.cur.snap
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		recon, samples := *s.Recon, *s.Samples
		recon.Version, samples.Version = 1000+2*i, 1001+2*i
		dash(m).digits.update(m.lay.rightW, m.lay.body, halfBlock, termenv.TrueColor, &recon, &samples)
	}
}

// throughputRun trains the tutorial's model on synthetic data for steps
// steps and returns images per second of training-step time (the metrics
// file's samples_per_sec, over all epochs), so the test passes, which
// differ in what they publish, do not count. With ui, a dashboard
// runs alongside in a real bubbletea program (120x40, true colour, output
// discarded), fed by the trainer's 20 snapshots/s.
func throughputRun(b *testing.B, steps int, ui bool) float64 {
	return throughputRunWith(b, throughputSetup{steps: steps, epochs: 1, test: 256, ui: ui})
}

// throughputSetup says what throughputRunWith trains and shows.
type throughputSetup struct {
	steps, epochs int // steps in all, spread over epochs
	test          int // test images, encoded at every epoch's end
	ui            bool
	// explore opens the latent explorer and moves its traversal every
	// half second.
	explore bool
}

// throughputRunWith is throughputRun for any setup.
func throughputRunWith(b *testing.B, s throughputSetup) float64 {
	b.Helper()
	o := trainer.Defaults()
	o.Epochs, o.ExitWhenDone, o.TrainLimit = s.epochs, true, s.steps*o.Batch/s.epochs
	var metrics bytes.Buffer
	o.Metrics = &metrics
	data := trainer.Data{Train: synthDigits(b, o.TrainLimit, 1), Test: synthDigits(b, s.test, 2)}
	tr, err := trainer.New(o, data)
	if err != nil {
		b.Fatal(err)
	}
	var p *tea.Program
	var m *Model
	progDone := make(chan struct{})
	if s.ui {
		sub := tr.Subscribe()
		defer sub.Close()
		r := fixedRenderer(termenv.TrueColor)
		m = New([]live.Run{{Info: tr.Info(), Ctl: tr, Feed: sub, Q: tr}}, Options{Renderer: r})
		p = tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
		go func() {
			defer close(progDone)
			if _, err := p.Run(); err != nil {
				b.Error(err)
			}
		}()
		p.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
		if s.explore {
			p.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'e'}})
			stop := make(chan struct{})
			defer close(stop)
			go func() {
				keys := []tea.KeyType{tea.KeyRight, tea.KeyRight, tea.KeyLeft, tea.KeyUp, tea.KeyDown, tea.KeyLeft}
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					case <-time.After(500 * time.Millisecond):
						p.Send(tea.KeyMsg{Type: keys[i%len(keys)]})
					}
				}
			}()
		}
	}
	if err := tr.Run(context.Background()); err != nil {
		b.Fatal(err)
	}
	if s.ui {
		p.Quit()
		<-progDone
		if len(m.cur.hist.steps) == 0 || m.body == "" {
			b.Fatal("the dashboard did not draw the run")
		}
	}
	return trainingRate(b, metrics.Bytes())
}

// trainingRate is the images per second of training-step time in a
// metrics file: all epochs' images over all their seconds.
func trainingRate(b *testing.B, metrics []byte) float64 {
	b.Helper()
	var images, secs float64
	for _, line := range bytes.Split(bytes.TrimSpace(metrics), []byte("\n")) {
		var m struct {
			Seconds       float64 `json:"seconds"`
			SamplesPerSec float64 `json:"samples_per_sec"`
		}
		if err := json.Unmarshal(line, &m); err != nil {
			b.Fatalf("metrics line %q: %v", line, err)
		}
		images += m.SamplesPerSec * m.Seconds
		secs += m.Seconds
	}
	if secs == 0 {
		b.Fatal("no epoch in the metrics")
	}
	return images / secs
}

// BenchmarkDashboardOverhead compares training throughput with and without
// the dashboard, alternating runs so background load hits both alike.
// Reports images/s of each and their ratio (target ≥ 97%). Each run is
// 600 steps of the default model (784-512-256-32, batch 128); shorter runs
// are dominated by the first frame's set-up, not the steady state a user
// sees:
//
//	go test ./tui/ -run '^$' -bench DashboardOverhead -benchtime 3x
func BenchmarkDashboardOverhead(b *testing.B) {
	const steps = 600
	var headless, dashboard float64
	n := 0
	for b.Loop() {
		headless += throughputRun(b, steps, false)
		dashboard += throughputRun(b, steps, true)
		n++
	}
	b.ReportMetric(headless/float64(n), "headless-img/s")
	b.ReportMetric(dashboard/float64(n), "dashboard-img/s")
	b.ReportMetric(100*dashboard/headless, "ratio-%")
}

// BenchmarkExplorerOverhead is BenchmarkDashboardOverhead with the latent
// explorer open and its traversal moved every half second (target ≥ 95%),
// over 4 epochs with a test set of MNIST's size, so that the explorer gets
// what it gets from a real run: 10k means after every epoch for its map,
// and frozen copies to decode from:
//
//	go test ./tui/ -run '^$' -bench ExplorerOverhead -benchtime 6x
func BenchmarkExplorerOverhead(b *testing.B) {
	const steps = 600
	var headless, explorer float64
	n := 0
	for b.Loop() {
		run := throughputSetup{steps: steps, epochs: 4, test: 10000}
		headless += throughputRunWith(b, run)
		run.ui, run.explore = true, true
		explorer += throughputRunWith(b, run)
		n++
	}
	b.ReportMetric(headless/float64(n), "headless-img/s")
	b.ReportMetric(explorer/float64(n), "explorer-img/s")
	b.ReportMetric(100*explorer/headless, "ratio-%")
}

// explorerBench is the explorer at 200x60 in true colour over a 10k×32
// test set (the real one's size), everything decoded and the map made.
func explorerBench(b *testing.B, focus exPane) *explorerRig {
	b.Helper()
	r := newExplorerRig(b, 200, 60, Options{Renderer: fixedRenderer(termenv.TrueColor)}, fakeInfo())
	r.snap.Latents = fakeLatents(10000, 32, 3)
	r.settle(r.update(snapshotMsg{snap: r.snap, ok: true}))
	r.settle(r.key("e"))
	for r.m.explorer.ex.focus != focus {
		r.settle(r.key("tab"))
	}
	if r.m.explorer.ex.mp == nil || r.m.explorer.ex.slots[focus].got == nil && focus != collapsePane {
		b.Fatal("explorer not ready")
	}
	return r
}

// BenchmarkExplorerCursorKey is Model.Update of one arrow key in the
// explorer at 200x60 (target ≤ 5 ms): the state change, the request for
// the new decode (not the decode, which runs in a tea.Cmd) and the pane's
// redraw. Between presses the decode runs and its answer is taken in,
// untimed, so every press issues a request.
func BenchmarkExplorerCursorKey(b *testing.B) {
	for _, c := range []struct {
		name string
		pane exPane
	}{{"traversal", travPane}, {"map", mapPane}, {"interpolation", interpPane}} {
		b.Run(c.name, func(b *testing.B) {
			r := explorerBench(b, c.pane)
			keys := []tea.KeyMsg{{Type: tea.KeyRight}, {Type: tea.KeyLeft}}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				_, cmd := r.m.Update(keys[i%2])
				i++
				b.StopTimer()
				r.settle(cmd)
				b.StartTimer()
			}
		})
	}
}

// BenchmarkExplorerHeldKey is the same key while a decode is in flight:
// only the state and the pane change.
func BenchmarkExplorerHeldKey(b *testing.B) {
	r := explorerBench(b, travPane)
	r.m.explorer.ex.fromZero, r.m.explorer.ex.value = true, 0
	r.key("right") // in flight from now on
	keys := []tea.KeyMsg{{Type: tea.KeyRight}, {Type: tea.KeyLeft}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r.m.Update(keys[i%2])
		i++
	}
}
