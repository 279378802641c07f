// Package tui is vaetop's live dashboard: a bubbletea program that watches
// a trainer through snapshots and steers it with commands. One Model per
// viewer, styles from the viewer's own renderer, no global state, so many
// sessions (over SSH, say) can watch one run.
package tui

import (
	"io"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// Options configure a Model.
type Options struct {
	// Renderer draws every style and sets the colour profile: pass
	// lipgloss.NewRenderer(os.Stdout) for a terminal, a session's own
	// renderer over SSH. nil means no colour (a renderer on io.Discard).
	Renderer *lipgloss.Renderer
	// ASCII draws digits with a character ramp even when colour works.
	ASCII bool
	// ChartInterval is the shortest time between chart redraws caused by
	// new data (default 300ms, negative: no limit); user actions redraw at
	// once.
	ChartInterval time.Duration
	// Now is the clock (tests fix it).
	Now func() time.Time
	// ExploreOnly shows the latent explorer alone, with no dashboard
	// behind it: e and esc do nothing, q quits.
	ExploreOnly bool
	// Compare shows the runs together (vaetop compare): overlaid charts,
	// a line and the digits of each run, keys on the focused run. It
	// needs at least two runs; with one it is the usual dashboard.
	Compare bool
}

// pane is a focusable part of the dashboard.
type pane int

const (
	lossPane pane = iota
	gradPane
	digitsPane
	numPanes
)

// chartMode is the user's view of one pane's step charts.
type chartMode struct {
	logY bool
	win  widget.Window
}

// pending remembers a value sent to the trainer until a snapshot shows it,
// so repeated presses step from the value asked for, not the stale one.
type pending struct {
	v    float64
	at   time.Time
	live bool
}

// runState is what the dashboard keeps for each run it is handed: the
// latest snapshot and the history drawn from it, and the β or learning
// rate it has asked for before the run confirms them.
type runState struct {
	run      live.Run
	snap     live.Snapshot
	haveSnap bool
	closed   bool // the feed closed: the run has stopped
	hist     history
	beta, lr pending
	alerts   alerts
	tl       timelineView // where the reconstruction pane is in the timeline
}

// Model is the dashboard's root bubbletea model.
type Model struct {
	runs  []*runState
	cur   *runState // the run on screen (runs[0]; compare mode shows more)
	opts  Options
	theme *widget.Theme
	keys  *keyMap
	help  help.Model

	lay      layout
	quitting bool

	smoothing   float64
	focus       pane
	showHelp    bool
	digitStyle  widget.DigitStyle
	sampleLabel int // -1: every digit
	note        string
	noteUntil   time.Time

	modes                              [numPanes]chartMode
	total, rec, kl, epoch, grad, lower *widget.Chart
	digits                             digitPane
	epochBar, runBar                   progress.Model

	dataDirty     bool // charts need new data or a redraw
	force         bool // redraw now, ignoring the rate limit
	lastChartDraw time.Time
	redrawPending bool

	header, body, helpLine string

	// The latent explorer (explore*.go): exploring is true while it is on
	// screen (always with Options.ExploreOnly).
	exploring bool
	explorer  *explorerScreen

	// The compare screen (compare.go): on with Options.Compare and two or
	// more runs. m.cur is always runs[focused] there.
	compare   bool
	focused   int
	allNext   bool // the next key acts on every run
	runStyles []lipgloss.Style
	cmpDigits compareDigits
}

// New builds the dashboard over runs; it shows the first. It panics if
// runs is empty.
func New(runs []live.Run, opts Options) *Model {
	if len(runs) == 0 {
		panic("tui: New needs at least one run")
	}
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.NewRenderer(io.Discard)
	}
	if opts.ChartInterval == 0 {
		opts.ChartInterval = 300 * time.Millisecond
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	th := widget.NewTheme(opts.Renderer)
	m := &Model{
		opts: opts, theme: th,
		help: help.New(), smoothing: 0.9, sampleLabel: -1, dataDirty: true,
	}
	m.keys = newKeyMap(m)
	for _, r := range runs {
		m.runs = append(m.runs, &runState{run: r, tl: timelineView{frame: -1}})
	}
	m.cur = m.runs[0]
	m.explorer = newExplorerScreen(m, m.cur)
	if opts.Compare && len(runs) >= 2 && !opts.ExploreOnly {
		m.compare, m.keys = true, newCompareKeyMap(m)
		m.runStyles = runStyles(th, len(runs))
	}
	m.help.Styles = th.Help
	if opts.ASCII || !th.Colour() {
		m.digitStyle = asciiRamp
	}
	bar := func() progress.Model {
		return progress.New(progress.WithSolidFill(th.Progress), progress.WithColorProfile(th.Profile()),
			progress.WithFillCharacters('█', '░'))
	}
	m.epochBar, m.runBar = bar(), bar()
	m.total, m.rec, m.kl = widget.NewChart(th, false), widget.NewChart(th, false), widget.NewChart(th, false)
	m.epoch, m.grad, m.lower = widget.NewChart(th, true), widget.NewChart(th, false), widget.NewChart(th, false)
	// Gradient norms span orders of magnitude (huge in the first steps),
	// so their charts start on a log scale.
	m.modes[gradPane].logY = true
	m.syncKeys()
	if opts.ExploreOnly {
		m.exploring = true
		m.explorer.exOpen() // nothing to decode yet: no snapshot has arrived
	}
	return m
}

// Init starts reading snapshots.
func (m *Model) Init() tea.Cmd {
	cmds := make([]tea.Cmd, len(m.runs))
	for i, rs := range m.runs {
		cmds[i] = waitSnapshot(i, rs.run.Feed)
	}
	return tea.Batch(cmds...)
}

// Snapshot returns the latest snapshot of the run on screen.
func (m *Model) Snapshot() (live.Snapshot, bool) { return m.cur.snap, m.cur.haveSnap }

// syncKeys enables the keys that make sense for this run, which also
// hides the others from the help.
func (m *Model) syncKeys() {
	// Saving stays bound without a checkpoint path, so that c can say why
	// it does nothing.
	if !m.cur.run.Info.Caps.Save {
		m.keys.save.SetHelp("c", "save checkpoint (needs --checkpoint)")
	} else {
		m.keys.save.SetHelp("c", "save checkpoint")
	}
	m.keys.digit.SetEnabled(m.cur.run.Info.Conditional)
	m.keys.ascii.SetEnabled(m.theme.Colour() && !m.opts.ASCII)
	m.explorer.keys.class.SetEnabled(m.cur.run.Info.Conditional)
	m.explorer.keys.back.SetEnabled(!m.opts.ExploreOnly)
	// A run without a controller (a checkpoint explored) takes no training
	// keys: the help does not offer them.
	for _, b := range m.explorer.keys.common[0].bindings {
		b.SetEnabled(m.cur.run.Ctl != nil)
	}
}

// setNote shows a short message in the status for a few seconds.
func (m *Model) setNote(s string) {
	m.note, m.noteUntil = s, m.opts.Now().Add(4*time.Second)
}
