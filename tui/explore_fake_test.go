package tui

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/live"
)

// fakeModel decodes z into a picture that depends on it: a vertical bar
// whose column follows z[0], a horizontal bar whose row follows z[1], a
// brightness that follows z[2], and, for a conditional model, a dot whose
// place is the label. It counts its decodes.
type fakeModel struct {
	mu      sync.Mutex
	decodes int
	rows    int
	labels  [][]uint8
}

func (f *fakeModel) Encode(x []float32, labels []uint8, mu, logvar []float32) {}

func (f *fakeModel) Decode(z []float32, labels []uint8, dst []float32) {
	n := len(dst) / 784
	f.mu.Lock()
	f.decodes++
	f.rows += n
	f.labels = append(f.labels, append([]uint8(nil), labels...))
	f.mu.Unlock()
	if n == 0 {
		return
	}
	dim := len(z) / n
	for i := 0; i < n; i++ {
		zi := z[i*dim : (i+1)*dim]
		img := dst[i*784 : (i+1)*784]
		clear(img)
		at := func(v float32) int { return max(0, min(26, int(math.Round(14+4*float64(v))))) }
		col, row := at(zi[0]), 14
		if dim > 1 {
			row = at(zi[1])
		}
		bright := float32(1)
		if dim > 2 {
			bright = float32(0.35 + 0.65/(1+math.Exp(-float64(zi[2]))))
		}
		for y := 0; y < 28; y++ {
			img[y*28+col], img[y*28+col+1] = bright, bright
		}
		for x := 0; x < 28; x++ {
			img[row*28+x], img[(row+1)*28+x] = bright, bright
		}
		if labels != nil {
			p := 1 + 2*int(labels[i]%10)
			img[p], img[28+p] = 1, 1
		}
	}
}

func (f *fakeModel) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.decodes
}

// fakeQuerier hands out the fake model from Frozen; its blocking calls
// are not for the explorer and fail.
type fakeQuerier struct {
	mu     sync.Mutex
	model  live.Model
	frozen int
}

var errNotForExplorer = errors.New("the explorer must not call this")

func (q *fakeQuerier) Encode(context.Context, []float32, []uint8) ([]float32, []float32, error) {
	return nil, nil, errNotForExplorer
}
func (q *fakeQuerier) Decode(context.Context, []float32, []uint8) ([]float32, error) {
	return nil, errNotForExplorer
}
func (q *fakeQuerier) Sample(context.Context, int, []uint8) ([]float32, error) {
	return nil, errNotForExplorer
}
func (q *fakeQuerier) Frozen() live.Model {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.frozen++
	return q.model
}

// idleFeed is a feed that never has a snapshot and never blocks: tests
// hand the model snapshots themselves, and run the commands it returns.
type idleFeed struct{ ch chan struct{} }

func newIdleFeed() *idleFeed {
	c := make(chan struct{})
	close(c)
	return &idleFeed{c}
}
func (f *idleFeed) C() <-chan struct{}          { return f.ch }
func (f *idleFeed) Next() (live.Snapshot, bool) { return live.Snapshot{}, false }
func (f *idleFeed) Close()                      {}

// fakeImages are test images: a bar at a column that depends on i.
type fakeImages struct{}

func (fakeImages) Image(i int, dst []float32) {
	clear(dst)
	c := 2 + i%24
	for y := 4; y < 24; y++ {
		dst[y*28+c] = 1
	}
}

// fakeLatents are n test means of dim units: the first four active (unit
// 0 the most), the rest collapsed; labels cycle through the digits.
func fakeLatents(n, dim int, seed uint64) *live.Latents {
	r := rand.New(rand.NewPCG(seed, 7))
	l := &live.Latents{Epoch: 2, N: n, Dim: dim, Mu: make([]float32, n*dim), Labels: make([]uint8, n),
		Images: fakeImages{}, W: 28, H: 28}
	for i := 0; i < n; i++ {
		l.Labels[i] = uint8(i % 10)
		for d := 0; d < dim; d++ {
			scale := 0.01
			if d < 4 {
				scale = 1.5 - 0.2*float64(d)
			}
			l.Mu[i*dim+d] = float32(scale * r.NormFloat64())
		}
	}
	l.Var = latent.Variances(l.Mu, n, dim)
	l.KL = make([]float64, dim)
	for d, v := range l.Var {
		l.KL[d] = v
		l.TestKL += v
	}
	l.Active = live.CountActive(l.Var)
	return l
}

// explorerRig is a dashboard on a fake run with a querier.
type explorerRig struct {
	m     *Model
	ctl   *fakeRun
	q     *fakeQuerier
	model *fakeModel
	snap  live.Snapshot
}

func newExplorerRig(t testing.TB, w, h int, opts Options, info live.RunInfo) *explorerRig {
	t.Helper()
	fm := &fakeModel{}
	q := &fakeQuerier{model: fm}
	ctl := newFakeRun()
	clk := &testClock{t: time.Unix(1700000000, 0)}
	if opts.Renderer == nil {
		opts.Renderer = fixedRenderer(termenv.Ascii)
	}
	opts.ChartInterval, opts.Now = -1, clk.now
	m := New([]live.Run{{Info: info, Ctl: ctl, Feed: newIdleFeed(), Q: q}}, opts)
	rig := &explorerRig{m: m, ctl: ctl, q: q, model: fm}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	rig.snap = fakeSnapshot(1, 40)
	rig.snap.Latents = fakeLatents(200, 8, 1)
	rig.settle(rig.update(snapshotMsg{snap: rig.snap, ok: true}))
	return rig
}

func (r *explorerRig) update(msg tea.Msg) tea.Cmd {
	_, cmd := r.m.Update(msg)
	return cmd
}

// key sends one key and returns the commands it made.
func (r *explorerRig) key(k string) tea.Cmd { return r.update(keyMsg(k)) }

// press sends keys and settles after each.
func (r *explorerRig) press(keys ...string) {
	for _, k := range keys {
		r.settle(r.key(k))
	}
}

// explorerMsgs runs cmd and returns the explorer's messages it produced
// (snapshot reads of the idle feed and others are dropped).
func explorerMsgs(cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	for _, msg := range batchMsgs(cmd) {
		switch msg.(type) {
		case exploreDecodeMsg, exploreMapMsg, explorePollMsg:
			out = append(out, msg)
		}
	}
	return out
}

// settle runs cmd, feeds its explorer messages back, and so on until none
// are left; it returns how many decodes it delivered.
func (r *explorerRig) settle(cmd tea.Cmd) int {
	n := 0
	for cmd != nil {
		var next []tea.Cmd
		for _, msg := range explorerMsgs(cmd) {
			if _, ok := msg.(exploreDecodeMsg); ok {
				n++
			}
			next = append(next, r.update(msg))
		}
		cmd = tea.Batch(next...)
	}
	return n
}
