package tui

import (
	"reflect"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// The latent explorer: four panes over the run's test set in latent space
// (Snapshot.Latents) and a frozen copy of its weights (Querier.Frozen).
// This file has the screen, its state and its catching up with the run;
// explore_decode.go its requests and their answers, explore_keys.go its
// keys, explore_view.go its drawing.

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

// framePollInterval is how often the explorer asks for a frozen model
// while it has none (snapshots also ask, but a paused run sends few).
const framePollInterval = 500 * time.Millisecond

// explorerScreen is the latent explorer over one run: a screen of its own,
// with its key table, its state and its cached panes, which an exPainter
// draws. root gives it what all screens share: the window, the help
// overlay, the digit style and the note line.
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
		x.root.header = x.root.status.view()
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

// pixels is the size of a decoded image.
func (e *explorer) imageSize() (w, h int) {
	if e.lat != nil && e.lat.W > 0 && e.lat.H > 0 {
		return e.lat.W, e.lat.H
	}
	return 28, 28
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
