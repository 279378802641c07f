package tui

import (
	"context"
	"io"
	"sort"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/trainer"
)

// latencyProbe wraps the dashboard in a real tea.Program and notes when
// the frame first shows the traversal's decode of the value a key asked
// for: the time from the key to the updated frame content.
type latencyProbe struct {
	*Model
	mu     sync.Mutex
	sent   time.Time
	target float32 // the value the decode must show; NaN-free
	armed  bool
	got    chan time.Duration
}

func (p *latencyProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, cmd := p.Model.Update(msg)
	return p, cmd
}

// View runs after every Update on the program's goroutine.
func (p *latencyProbe) View() string {
	v := p.Model.View()
	p.mu.Lock()
	defer p.mu.Unlock()
	s := &p.explorer.ex.slots[travPane]
	if p.armed && s.got != nil && s.got.z[p.explorer.ex.dim] == p.target {
		p.armed = false
		p.got <- time.Since(p.sent)
	}
	return v
}

// BenchmarkExplorerKeyLatency trains the tutorial's model at full speed
// (synthetic 28x28 digits, a 10k test set) with the explorer open at
// 120x40, and presses ←/→ on the traversal every 30 ms: it reports the
// median, p95 and worst time from the key to the frame that shows the
// new decode (target: p95 ≤ 20 ms). The program renders to io.Discard;
// the terminal's own frame rate (10/s) comes on top on a real screen.
//
//	go test ./tui -run '^$' -bench ExplorerKeyLatency -benchtime 200x
func BenchmarkExplorerKeyLatency(b *testing.B) {
	o := trainer.Defaults()
	o.Epochs = 1000
	data := trainer.Data{Train: synthDigits(b, 8192, 1), Test: synthDigits(b, 10000, 2)}
	tr, err := trainer.New(o, data)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	runDone := make(chan error, 1)
	go func() { runDone <- tr.Run(ctx) }()
	defer func() {
		cancel()
		<-runDone
	}()
	probe := &latencyProbe{got: make(chan time.Duration, 1)}
	probe.Model = New([]live.Run{{Info: tr.Info(), Ctl: tr, Feed: tr.Subscribe(), Q: tr}}, Options{Renderer: fixedRenderer(termenv.TrueColor)})
	p := tea.NewProgram(probe, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
	progDone := make(chan struct{})
	go func() {
		defer close(progDone)
		p.Run()
	}()
	defer func() {
		p.Quit()
		<-progDone
	}()
	p.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	p.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'e'}})
	// Wait until the traversal shows a decode of its current value.
	deadline := time.Now().Add(30 * time.Second)
	for {
		probe.mu.Lock()
		s := &probe.explorer.ex.slots[travPane]
		ready := probe.onTop(probe.explorer) && s.got != nil && !s.inflight
		probe.mu.Unlock()
		if ready {
			break
		}
		if time.Now().After(deadline) {
			b.Fatal("the explorer never decoded")
		}
		time.Sleep(20 * time.Millisecond)
	}
	var lat []time.Duration
	right := true
	for b.Loop() {
		time.Sleep(30 * time.Millisecond)
		probe.mu.Lock()
		v := probe.explorer.ex.value
		dir := 1
		if !right || snapValue(v, 1) == v {
			dir = -1
		}
		if snapValue(v, dir) == v {
			dir = -dir
		}
		right = dir < 0 // alternate
		k := tea.KeyRight
		if dir < 0 {
			k = tea.KeyLeft
		}
		probe.target = float32(snapValue(v, dir))
		probe.sent, probe.armed = time.Now(), true
		probe.mu.Unlock()
		p.Send(tea.KeyMsg{Type: k})
		select {
		case d := <-probe.got:
			lat = append(lat, d)
		case <-time.After(2 * time.Second):
			b.Fatal("no frame with the new decode within 2 s")
		}
	}
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	q := func(f float64) float64 { return float64(lat[int(f*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.5), "p50-ms")
	b.ReportMetric(q(0.95), "p95-ms")
	b.ReportMetric(q(1), "max-ms")
}
