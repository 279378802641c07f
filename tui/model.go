// Package tui is vaetop's live dashboard: a bubbletea program that watches
// a trainer through snapshots and steers it with commands. One Model per
// viewer, styles from the viewer's own renderer, no global state, so many
// sessions (over SSH, say) can watch one run.
package tui

import (
	"io"
	"time"

	"github.com/charmbracelet/bubbles/help"
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
	// Session: the tui is one SSH session's. q and ctrl+c detach this
	// viewer and the run goes on; S stops the run after a confirmation.
	Session bool
	// Viewers counts the viewers connected (a served run), for the status
	// line; nil shows no count.
	Viewers func() int
	// Wrap, when set, wraps the model a program runs (NewProgram): an SSH
	// session guards it so that its panics stay in the session.
	Wrap func(tea.Model) tea.Model
	// Box samples the training box's figures for the status line, about
	// once a second off the UI goroutine (nil: none shown).
	Box func() (BoxFigures, bool)
	// ExploreOnly shows the latent explorer alone, with no dashboard
	// behind it: e and esc do nothing, q quits.
	ExploreOnly bool
	// Watch shows the runs' named series (vaetop watch: metrics files
	// with no model): a grid of charts, one per series, each run in a
	// colour of its own.
	Watch bool
	// Catalog, with Watch, is a set of runs that grows (vaetop watch
	// DIR): the runs are listed, new ones join the list as they are
	// found, and the picked ones are drawn together. runs are those found
	// so far (none yet is allowed: the list waits).
	Catalog live.Catalog
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
	series   seriesStore // the run's named series (a metrics file's)
	steps    live.Growth // when the run made steps, for the stall flag
	lastStep int64
	beta, lr pending
	alerts   alerts
	tl       timelineView // where the reconstruction pane is in the timeline
}

// Model is the tui's root bubbletea model. It holds what every screen
// shares (the runs, the theme, the window, the help overlay, the note line,
// the run actions, the status bar and the frame's cached blocks) and a
// stack of screens (screen.go): the dashboard or the compare screen at the
// bottom, the explorer over it.
type Model struct {
	runs  []*runState
	cur   *runState // the run the keys act on and the status shows
	opts  Options
	theme *widget.Theme
	help  help.Model

	lay      layout
	quitting bool
	showHelp bool        // the help overlay, over the top screen
	modal    *modalInput // a binding's open text input, which takes every key

	smoothing   float64 // of every run's step charts
	digitStyle  widget.DigitStyle
	sampleLabel int // -1: every digit
	note        string
	noteUntil   time.Time

	steer  steering  // the run actions the key tables bind
	status statusBar // the header of the dashboard and the explorer

	header, body, helpLine string

	box     BoxFigures // the training box's figures (Options.Box)
	haveBox bool

	stack []screen
	// explorer is the latent explorer, kept while another screen is on
	// top: e and esc show it again as it was, and its answers in flight
	// still arrive.
	explorer *explorerScreen
}

// waitsForRuns reports whether the tui may start with no run: a run list
// (vaetop watch DIR) whose catalog brings them as they are found.
func (o Options) waitsForRuns() bool { return o.Watch && o.Catalog != nil }

// New builds the tui over runs: the dashboard of the first, the compare
// screen of them all (Options.Compare, two or more runs), or the explorer
// alone (Options.ExploreOnly). It panics if runs is empty.
func New(runs []live.Run, opts Options) *Model {
	if len(runs) == 0 && !opts.waitsForRuns() {
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
	m := &Model{opts: opts, theme: th, help: help.New(), smoothing: 0.9, sampleLabel: -1}
	for _, r := range runs {
		m.runs = append(m.runs, &runState{run: r, tl: timelineView{frame: -1}})
	}
	if len(m.runs) > 0 {
		m.cur = m.runs[0]
	} else { // a run list waiting for its first run: the keys act on none
		m.cur = &runState{tl: timelineView{frame: -1}}
	}
	m.help.Styles = th.Help
	if opts.ASCII || !th.Colour() {
		m.digitStyle = asciiRamp
	}
	m.steer, m.status = steering{root: m}, newStatusBar(m)
	m.explorer = newExplorerScreen(m, m.cur)
	switch { // where screens are chosen
	case opts.Watch && opts.Catalog != nil:
		m.push(newRunList(m))
		if len(m.runs) == 1 { // one run found: its charts at once, the list a key away
			m.push(newWatchScreen(m, m.runs))
		}
	case opts.Watch:
		m.push(newWatchScreen(m, m.runs))
	case opts.ExploreOnly:
		m.push(m.explorer)
		m.explorer.exOpen() // nothing to decode yet: no snapshot has arrived
	case m.comparison():
		m.push(newCompareScreen(m))
	default:
		m.push(newDashScreen(m))
	}
	return m
}

// comparison reports whether the runs are shown together (vaetop compare).
func (m *Model) comparison() bool {
	return m.opts.Compare && len(m.runs) >= 2 && !m.opts.ExploreOnly
}

// Init starts reading snapshots.
func (m *Model) Init() tea.Cmd {
	cmds := make([]tea.Cmd, len(m.runs), len(m.runs)+1)
	for i, rs := range m.runs {
		cmds[i] = waitSnapshot(i, rs.run.Feed)
	}
	return tea.Batch(append(cmds, m.sampleBox(0), m.pollCatalog())...)
}

// Snapshot returns the latest snapshot of the run on screen.
func (m *Model) Snapshot() (live.Snapshot, bool) { return m.cur.snap, m.cur.haveSnap }

// syncKeys enables, on every screen, the keys that make sense for the run
// the keys act on.
func (m *Model) syncKeys() {
	for _, s := range m.stack {
		s.syncKeys()
	}
	if !m.onTop(m.explorer) {
		m.explorer.syncKeys()
	}
}

// invalidate asks the top screen for a redraw of everything.
func (m *Model) invalidate() { m.top().invalidate() }

// setNote shows a short message in the status for a few seconds.
func (m *Model) setNote(s string) {
	m.note, m.noteUntil = s, m.opts.Now().Add(4*time.Second)
}
