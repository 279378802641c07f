package tui

import (
	"math"
	"math/rand/v2"
	"reflect"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// The latent explorer: four panes over the run's test set in latent space
// (Snapshot.Latents) and a frozen copy of its weights (Querier.Frozen).
//
// Nothing costly runs in Update: decodes and the PCA map run in tea.Cmds,
// with the frozen model, which answers at once whatever the trainer does.
// Each pane has at most one decode in flight; keys that arrive meanwhile
// only change the pane's state and mark it wanted, and when the answer
// comes back the pane asks again for its state as it is then. So a held
// key never queues a backlog, and the last answer is always for the last
// state. Requests carry a sequence number and stale answers are dropped.

// exPane is one of the explorer's panes.
type exPane int

const (
	travPane exPane = iota
	interpPane
	mapPane
	collapsePane
	numExPanes
)

var exPaneNames = [numExPanes]string{"traversal", "interpolation", "map", "collapse"}

// Traversal values: a dimension's absolute value moves in steps of
// travStep within ±travMax.
const (
	travStep = 0.25
	travMax  = 3.0
)

// framePollInterval is how often the explorer asks for a frozen model
// while it has none (snapshots also ask, but a paused run sends few).
const framePollInterval = 500 * time.Millisecond

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

// explorerScreen is the latent explorer over one run: a screen of its own,
// with its key table, its state and its cached panes. root gives it what
// all screens share: the window, the help overlay, the digit style and the
// note line.
type explorerScreen struct {
	root  *Model
	rs    *runState // the run explored
	theme *widget.Theme
	keys  *exploreKeys
	ex    explorer
	gen   uint64 // bumped by each reset: answers asked for before it are dropped
}

func newExplorerScreen(root *Model, rs *runState) *explorerScreen {
	x := &explorerScreen{root: root, rs: rs, theme: root.theme, ex: newExplorer(explorerPrefs{})}
	x.keys = newExploreKeys(x)
	return x
}

// setRun points the explorer at rs. Another run resets it, in one
// assignment that keeps only the user's choices of pane, class and path.
func (x *explorerScreen) setRun(rs *runState) {
	if rs == x.rs {
		return
	}
	x.rs, x.gen, x.ex = rs, x.gen+1, newExplorer(x.ex.explorerPrefs)
}

// explorerPrefs are the user's choices that outlive a change of run.
type explorerPrefs struct {
	focus exPane
	// The label of conditional decodes: each decode's own (ownLabel)
	// unless a digit key fixed one class for all of them.
	fixedClass bool
	class      int
	fromZero   bool // the traversal starts at z = 0
	spherical  bool // the interpolation's path
	steps      int  // the path's points, ends included; 0: as many as fit
}

// explorer is the explorer's state over its run.
type explorer struct {
	explorerPrefs
	lat   *live.Latents
	model live.Model

	// traversal
	dim   int
	digit int     // the test image whose mean is the start
	value float64 // the dimension's absolute value

	// interpolation: ends A (0) and B (1), test image indices
	end  int
	ends [2]int

	// map: the one computed last, the latents it came from, whether a
	// computation is running, the frame it is drawn in and the cursor
	mp          *latent.Map
	mapLat      *live.Latents
	mapBusy     bool
	mapErr      error
	frame       scatterFrame
	frameMap    *latent.Map
	frameW      int
	frameH      int
	col, row    int
	haveCursor  bool
	scatter     []string
	pic         *scatterPicture // the points drawn without the cursor
	picKey      picKey
	scatterDone bool

	pollPending bool
	nEpochs     int // epochs the collapse pane was drawn with

	slots [numExPanes]decodeSlot
	// cached blocks: title and content lines of each pane, and the box
	// they were drawn for
	block    [numExPanes][]string
	blockBox [numExPanes]box
	dirty    [numExPanes]bool
	// originals drawn, by image and size (interpolation's ends)
	origDrawn map[[2]int][]string
	// class samples' latent points, fixed so they do not flicker
	sampleZ []float32
}

// newExplorer is the state of an explorer that has seen nothing of its run.
func newExplorer(p explorerPrefs) explorer {
	e := explorer{explorerPrefs: p, ends: [2]int{0, 1}, origDrawn: map[[2]int][]string{}}
	for i := range e.slots {
		e.slots[i].drawn = map[[2]int][]string{}
	}
	e.dirtyAll()
	return e
}

// dirtyAll makes every pane redraw.
func (e *explorer) dirtyAll() {
	for p := range e.dirty {
		e.dirty[p] = true
	}
}

// openExplorer is e on the dashboard and the compare screen: the explorer
// of the run the keys act on, pushed over the screen.
func (m *Model) openExplorer(string) tea.Cmd {
	m.explorer.setRun(m.cur)
	m.push(m.explorer)
	return m.explorer.exOpen()
}

// closeExplorer is the explorer's e and esc (not bound with ExploreOnly).
// Decodes in flight finish; their answers are kept for the next opening.
func (x *explorerScreen) closeExplorer(string) tea.Cmd {
	if x.root.opts.ExploreOnly {
		return nil
	}
	x.root.pop()
	return nil
}

func (x *explorerScreen) keyTable() keyTable { return x.keys }

func (x *explorerScreen) handle(b *binding, k string) tea.Cmd { return x.root.handleDefault(b, k) }

// invalidate does nothing: the panes keep their own dirty marks.
func (x *explorerScreen) invalidate() {}

// syncKeys offers the keys that make sense for the run explored.
func (x *explorerScreen) syncKeys() {
	x.keys.class.SetEnabled(x.rs.run.Info.Conditional)
	x.keys.back.SetEnabled(!x.root.opts.ExploreOnly)
	// A run without a controller (a checkpoint explored) takes no training
	// keys: the help does not offer them.
	for _, b := range x.keys.common[0].bindings {
		b.SetEnabled(x.rs.run.Ctl != nil)
	}
}

// update takes in the run's new snapshots and the answers to the
// explorer's requests, which arrive even while another screen is shown.
func (x *explorerScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case runUpdated:
		if msg.rs == x.rs && x.shown() {
			return x.exSync()
		}
	case exploreDecodeMsg:
		return x.exDecoded(msg)
	case exploreMapMsg:
		return x.exMapped(msg)
	case explorePollMsg:
		return x.exPolled()
	}
	return nil
}

// refresh draws the status of the run explored and the stale panes.
func (x *explorerScreen) refresh(time.Time) tea.Cmd {
	if x.root.lay.mode != tooSmall {
		x.root.header = x.root.statusView()
	}
	return x.refreshExplorer()
}

// shown reports whether the explorer is on screen.
func (x *explorerScreen) shown() bool { return x.root.onTop(x) }

// exOpen asks for a frozen model and every pane's decodes.
func (x *explorerScreen) exOpen() tea.Cmd {
	x.ex.dirtyAll()
	for p := range x.ex.slots {
		x.ex.slots[p].want = true
		clear(x.ex.slots[p].drawn) // the digit style may have changed meanwhile
	}
	clear(x.ex.origDrawn)
	x.ex.scatterDone = false
	return x.exSync()
}

// exSync catches up with the run: it asks for a fresh frozen model (on
// opening and with every snapshot while the explorer is open, which also
// keeps the producer making them), takes in new Latents, and issues
// whatever decodes are wanted and possible.
func (x *explorerScreen) exSync() tea.Cmd {
	e := &x.ex
	var cmds []tea.Cmd
	if q := x.rs.run.Q; q != nil {
		if mdl := q.Frozen(); mdl != nil && !sameModel(mdl, e.model) {
			e.model = mdl
			x.exWantAll()
		}
		if e.model == nil && !e.pollPending {
			e.pollPending = true
			cmds = append(cmds, tea.Tick(framePollInterval, func(time.Time) tea.Msg { return explorePollMsg{} }))
		}
	}
	if l := x.rs.snap.Latents; l != nil && l != e.lat && l.N > 0 && l.Dim > 0 {
		x.exTakeLatents(l)
	}
	if e.lat != nil && e.lat != e.mapLat && !e.mapBusy {
		e.mapBusy = true
		cmds = append(cmds, mapCmd(e.lat, x.gen))
	}
	for p := exPane(0); p < numExPanes; p++ {
		cmds = append(cmds, x.exPump(p))
	}
	return tea.Batch(cmds...)
}

// sameModel reports whether a and b are the same frozen copy (types that
// cannot be compared count as new every time).
func sameModel(a, b live.Model) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta == tb && ta.Comparable() && a == b
}

func (x *explorerScreen) exWantAll() {
	for p := range x.ex.slots {
		x.ex.slots[p].want = true
	}
	x.ex.dirtyAll()
}

// exTakeLatents starts using a new test pass.
func (x *explorerScreen) exTakeLatents(l *live.Latents) {
	e := &x.ex
	first := e.lat == nil
	e.lat = l
	e.dim = clamp(e.dim, 0, l.Dim-1)
	e.digit = clamp(e.digit, 0, l.N-1)
	for i := range e.ends {
		e.ends[i] = clamp(e.ends[i], 0, l.N-1)
	}
	if first {
		// B starts at the first test image of another digit than A's.
		e.ends[1] = e.nextOfClass(e.ends[0], (int(e.label(e.ends[0]))+1)%10)
		e.dim = e.firstActive()
		e.value = float64(e.travBase()[e.dim])
	}
	clear(e.origDrawn) // the images may differ from a new source
	x.exWantAll()
}

// firstActive is the active dimension with the most test KL (0 if none).
func (e *explorer) firstActive() int {
	best := 0
	for d := 1; d < min(e.lat.Dim, len(e.lat.KL)); d++ {
		if e.lat.KL[d] > e.lat.KL[best] {
			best = d
		}
	}
	return best
}

func (e *explorer) label(i int) uint8 {
	if e.lat == nil || i < 0 || i >= len(e.lat.Labels) {
		return 0
	}
	return e.lat.Labels[i]
}

// nextOfClass is the first test image after i (wrapping) whose digit is
// class, or the next class after that, and so on; i itself if none.
func (e *explorer) nextOfClass(i, class int) int {
	n := e.lat.N
	if len(e.lat.Labels) < n {
		return (i + 1) % n
	}
	for c := 0; c < 10; c++ {
		want := uint8((class + c) % 10)
		for k := 1; k <= n; k++ {
			j := (i + k) % n
			if e.lat.Labels[j] == want {
				return j
			}
		}
	}
	return i
}

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

// pixels is the size of a decoded image.
func (e *explorer) imageSize() (w, h int) {
	if e.lat != nil && e.lat.W > 0 && e.lat.H > 0 {
		return e.lat.W, e.lat.H
	}
	return 28, 28
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

// travBase is the traversal's start: a test image's mean, or z = 0.
func (e *explorer) travBase() []float32 {
	if e.fromZero || e.lat == nil {
		return make([]float32, max(e.latDim(), 1))
	}
	return e.lat.Row(e.digit)
}

func (e *explorer) latDim() int {
	if e.lat == nil {
		return 0
	}
	return e.lat.Dim
}

// stripValues are n evenly spaced values from -travMax to travMax.
func stripValues(n int) []float64 {
	out := make([]float64, n)
	for k := range out {
		out[k] = -travMax + 2*travMax*float64(k)/float64(max(n-1, 1))
	}
	return out
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

// snapValue moves v one step of travStep in direction dir, onto the grid
// of steps, within ±travMax.
func snapValue(v float64, dir int) float64 {
	k := v / travStep
	if dir > 0 {
		k = math.Floor(k+1e-9) + 1
	} else {
		k = math.Ceil(k-1e-9) - 1
	}
	return math.Max(-travMax, math.Min(travMax, k*travStep))
}

// picKey is what a drawn scatter picture depends on.
type picKey struct {
	mp    *latent.Map
	frame scatterFrame
	ascii bool
	th    *widget.Theme
}
