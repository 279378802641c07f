package tui

import (
	"math"
	"math/rand/v2"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/live"
)

// The explorer's requests and their answers.
//
// Nothing costly runs in Update: decodes and the PCA map run in tea.Cmds,
// with the frozen model, which answers at once whatever the trainer does.
// Each pane has at most one decode in flight; keys that arrive meanwhile
// only change the pane's state and mark it wanted, and when the answer
// comes back the pane asks again for its state as it is then. So a held
// key never queues a backlog, and the last answer is always for the last
// state. Requests carry a sequence number and stale answers are dropped.

// decodeSlot is one pane's decoding: the request in flight (at most one),
// whether the pane's state has changed since, and the answer shown.
type decodeSlot struct {
	seq      uint64 // the last request's
	inflight bool
	want     bool // the pane needs a decode of its current state
	issued   int  // requests made (tests count them)
	got      *decodeReq
	px       []float32
	// digit lines drawn from px, by image and size
	drawn map[[2]int][]string
}

// decodeReq is one decode: n latent points, and what they stand for.
type decodeReq struct {
	pane   exPane
	gen    uint64 // the explorer's generation when asked
	seq    uint64
	model  live.Model
	z      []float32 // n×dim
	labels []uint8   // nil unless the model is conditional
	n      int
	pixels int // per image (W·H)
	// traversal: the strip's values and the class samples that follow
	// the current point; map: the point's map coordinates
	values  []float64
	samples int
	x, y    float64
}

// exploreDecodeMsg is a decode's answer.
type exploreDecodeMsg struct {
	req *decodeReq
	px  []float32 // n×pixels
}

// exploreMapMsg is a PCA map of lat (or why there is none).
type exploreMapMsg struct {
	gen uint64
	lat *live.Latents
	mp  *latent.Map
	err error
}

// explorePollMsg asks for a frozen model again.
type explorePollMsg struct{}

// exPolled is the poll tick: ask again while there is no model.
func (x *explorerScreen) exPolled() tea.Cmd {
	x.ex.pollPending = false
	if !x.shown() {
		return nil
	}
	return x.exSync()
}

// mapCmd computes the PCA map of l off the UI goroutine.
func mapCmd(l *live.Latents, gen uint64) tea.Cmd {
	return func() tea.Msg {
		mp, err := latent.NewMap(l.Mu, l.N, l.Dim)
		return exploreMapMsg{gen: gen, lat: l, mp: mp, err: err}
	}
}

// exMapped takes in a map; the cursor keeps its map coordinates when the
// frame is rebuilt (refreshExplorer).
func (x *explorerScreen) exMapped(msg exploreMapMsg) tea.Cmd {
	if msg.gen != x.gen {
		return nil // asked for before a reset
	}
	e := &x.ex
	e.mapBusy = false
	e.mapLat = msg.lat
	e.mapErr = msg.err
	if msg.err == nil {
		e.mp = msg.mp
	}
	e.dirty[mapPane] = true
	if !x.shown() {
		return nil
	}
	if e.lat != e.mapLat { // a newer test pass arrived meanwhile
		e.mapBusy = true
		return mapCmd(e.lat, x.gen)
	}
	return nil
}

// exWant marks pane p's state changed and asks for its decode.
func (x *explorerScreen) exWant(p exPane) tea.Cmd {
	x.ex.slots[p].want = true
	x.ex.dirty[p] = true
	return x.exPump(p)
}

// exPump issues pane p's decode if one is wanted, possible, and none is in
// flight.
func (x *explorerScreen) exPump(p exPane) tea.Cmd {
	s := &x.ex.slots[p]
	if !x.shown() || s.inflight || !s.want || x.ex.model == nil || x.ex.lat == nil {
		return nil
	}
	req := x.exRequest(p)
	if req == nil {
		return nil
	}
	s.seq++
	req.gen, req.seq, s.inflight, s.want = x.gen, s.seq, true, false
	s.issued++
	return decodeCmd(req)
}

// decodeCmd runs one decode with the frozen model.
func decodeCmd(req *decodeReq) tea.Cmd {
	return func() tea.Msg {
		dst := make([]float32, req.n*req.pixels)
		req.model.Decode(req.z, req.labels, dst)
		return exploreDecodeMsg{req: req, px: dst}
	}
}

// exDecoded takes in an answer and asks for the next state if it changed
// meanwhile.
func (x *explorerScreen) exDecoded(msg exploreDecodeMsg) tea.Cmd {
	r := msg.req
	if r == nil || r.pane < 0 || r.pane >= numExPanes || r.gen != x.gen {
		return nil // not for this explorer's run: asked for before a reset
	}
	s := &x.ex.slots[r.pane]
	if !s.inflight || r.seq != s.seq { // stale
		return nil
	}
	s.inflight = false
	s.got, s.px = r, msg.px
	clear(s.drawn)
	x.ex.dirty[r.pane] = true
	return x.exPump(r.pane)
}

// exLabels is the label of every one of req's decodes, or nil for a model
// that is not conditional: the class a digit key fixed, else each one's own
// (ownLabel).
func (x *explorerScreen) exLabels(req *decodeReq) []uint8 {
	if !x.rs.run.Info.Conditional {
		return nil
	}
	e := &x.ex
	out := make([]uint8, req.n)
	for i := range out {
		if e.fixedClass {
			out[i] = uint8(e.class)
		} else {
			out[i] = e.ownLabel(req, i)
		}
	}
	return out
}

// ownLabel is the own label of decode i of req: the traversal's test
// digit's (also from z = 0, and for its samples from the prior); on the
// interpolation path, the nearer end's (the first half A's, the second
// B's); at the map's cursor, the label of the test digit nearest to it on
// the map.
func (e *explorer) ownLabel(req *decodeReq, i int) uint8 {
	switch req.pane {
	case interpPane:
		if 2*i < req.n {
			return e.label(e.ends[0])
		}
		return e.label(e.ends[1])
	case mapPane:
		return e.nearestLabel(req.x, req.y)
	}
	return e.label(e.digit)
}

// nearestLabel is the label of the test digit nearest to (x, y) on the
// map (0 without a map or labels).
func (e *explorer) nearestLabel(x, y float64) uint8 {
	if e.mp == nil || e.mapLat == nil {
		return 0
	}
	pts, labels := e.mp.Points, e.mapLat.Labels
	best, bestD := -1, math.Inf(1)
	for i := 0; i < len(pts)/2 && i < len(labels); i++ {
		dx, dy := pts[2*i]-x, pts[2*i+1]-y
		if d := dx*dx + dy*dy; d < bestD {
			best, bestD = i, d
		}
	}
	if best < 0 {
		return 0
	}
	return labels[best]
}

// exRequest builds pane p's decode for its current state (small: a few
// dozen latent points). nil when the pane has nothing to decode.
func (x *explorerScreen) exRequest(p exPane) *decodeReq {
	e := &x.ex
	w, h := e.imageSize()
	dim := e.lat.Dim
	req := &decodeReq{pane: p, model: e.model, pixels: w * h}
	switch p {
	case travPane:
		plan := x.exTravPlan()
		req.values = stripValues(max(plan.n, 1))
		base := append([]float32(nil), e.travBase()...)
		base[e.dim] = float32(e.value)
		z := append([]float32(nil), base...)
		for _, row := range latent.Traverse(base, e.dim, req.values) {
			z = append(z, row...)
		}
		if x.rs.run.Info.Conditional && plan.samples > 0 {
			req.samples = plan.samples
			z = append(z, e.classSamples(plan.samples, dim)...)
		}
		req.z = z
	case interpPane:
		plan := x.exInterpPlan()
		for _, row := range latent.Path(e.lat.Row(e.ends[0]), e.lat.Row(e.ends[1]), max(plan.n, 2), e.spherical) {
			req.z = append(req.z, row...)
		}
	case mapPane:
		if e.mp == nil || !e.haveCursor {
			return nil
		}
		req.x, req.y = e.frame.coords(e.col, e.row)
		req.z = make([]float32, dim)
		e.mp.Point(req.x, req.y, req.z)
	default:
		return nil
	}
	req.n = len(req.z) / dim
	req.labels = x.exLabels(req)
	return req
}

// classSamples are n fixed draws from the prior (n×dim), kept across
// requests so a class change shows the same styles in another digit.
func (e *explorer) classSamples(n, dim int) []float32 {
	if len(e.sampleZ) < n*dim {
		r := rand.New(rand.NewPCG(1, 2))
		e.sampleZ = make([]float32, n*dim)
		for i := range e.sampleZ {
			e.sampleZ[i] = float32(r.NormFloat64())
		}
	}
	return e.sampleZ[:n*dim]
}
