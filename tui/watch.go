package tui

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/tui/widget"
)

// watchScreen is vaetop watch's screen: a grid of charts, one per named
// series of the followed metrics files, each file (or each run of a
// vaetop compare file) in a colour of its own, and a status line per file.
type watchScreen struct {
	*Model
	shown  []*runState // the runs on screen: every file, or those picked in the run list
	keys   *keyMap
	lim    redrawLimiter
	filter seriesFilter
	paired bool
	page   int
	focus  int // index of the focused chart on the page
	win    widget.Window
	logY   map[string]bool          // by lead series
	charts map[string]*widget.Chart // by lead series: a chart keeps its series for life

	specs    []chartSpec // every chart, in order, after the filter
	specsOf  int         // the series version the specs were planned from
	traces   []trace
	tracesOf int
	grid     watchGrid
	ticking  bool // a watchTickMsg is on its way
}

// trace is what a chart draws one line for: a run's part.
type trace struct {
	rs    *runState
	part  string
	label string
	style lipgloss.Style
}

func newWatchScreen(root *Model, shown []*runState) *watchScreen {
	m := &watchScreen{Model: root, shown: shown, lim: redrawLimiter{dirty: true},
		logY: map[string]bool{}, charts: map[string]*widget.Chart{}, specsOf: -1, tracesOf: -1}
	m.keys = newWatchKeyMap(m)
	// A metrics file logs every few dozen steps, not every step: the
	// dashboard's 0.9 would lag far behind; 0.6 is TensorBoard's default.
	root.smoothing = 0.6
	return m
}

func (m *watchScreen) keyTable() keyTable { return m.keys }

func (m *watchScreen) handle(b *binding, k string) tea.Cmd { return m.handleDefault(b, k) }

func (m *watchScreen) invalidate() { m.lim.invalidate() }

func (m *watchScreen) syncKeys() {}

// update marks the charts stale when any file has new data.
func (m *watchScreen) update(msg tea.Msg) tea.Cmd {
	switch msg.(type) {
	case runUpdated:
		m.lim.dirty = true
	case redrawMsg:
		m.lim.pending = false
	case watchTickMsg:
		m.ticking = false
	}
	return nil
}

// refresh redraws the grid at most every ChartInterval for new data, at
// once for keys and resizes; the status lines follow the clock ("12 s
// ago") at every refresh.
func (m *watchScreen) refresh(now time.Time) tea.Cmd {
	if m.lay.mode == tooSmall {
		m.body = m.tooSmallView()
		return nil
	}
	m.syncTraces()
	feed, cmd := m.lim.due(now, m.opts.ChartInterval)
	feed = feed || m.lim.force
	if feed {
		m.syncSpecs()
		m.grid = newWatchGrid(m.lay, len(m.specs), m.headerRows())
		m.page = clamp(m.page, 0, max(0, m.grid.pages-1))
		m.focus = clamp(m.focus, 0, max(0, m.grid.onPage(m.page)-1))
	}
	m.header = m.statusView(now)
	if feed && m.showHelp {
		body := m.lay.h - m.headerRows() - 1
		m.body = strings.Join(m.helpView(m.keys.groups, m.lay.w, body), "\n")
		m.helpLine = fitHelp(m.Model, m.keys)
	} else if feed {
		m.body = m.gridView()
		m.helpLine = widget.Fit(" "+m.help.ShortHelpView(m.keys.ShortHelp()), m.lay.w)
	}
	m.lim.force = false
	return tea.Batch(cmd, m.tick())
}

// watchTickMsg redraws the status lines, so that "12 s ago" keeps
// counting while the files are quiet.
type watchTickMsg struct{}

// tick asks for a watchTickMsg in a second, unless one is on its way.
func (m *watchScreen) tick() tea.Cmd {
	if m.ticking {
		return nil
	}
	m.ticking = true
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return watchTickMsg{} })
}

// version sums the runs' series versions: any change replans the grid.
func (m *watchScreen) version() int {
	v := 0
	for _, rs := range m.shown {
		v += rs.series.version
	}
	return v
}

// syncTraces lists the traces: each run's parts, one colour each.
func (m *watchScreen) syncTraces() {
	if v := m.version(); v == m.tracesOf {
		return
	} else {
		m.tracesOf = v
	}
	m.traces = m.traces[:0]
	for _, rs := range m.shown {
		parts := rs.series.parts()
		if len(parts) == 0 {
			parts = []string{""}
		}
		for _, p := range parts {
			label := m.nameOf(rs)
			if p != "" {
				label = p
				if len(m.shown) > 1 {
					label = m.nameOf(rs) + ": " + p
				}
			}
			m.traces = append(m.traces, trace{rs: rs, part: p, label: label})
		}
	}
	styles := runStyles(m.theme, len(m.traces))
	for i := range m.traces {
		m.traces[i].style = styles[i]
	}
}

// syncSpecs replans the charts when the series, the filter or the pairing
// changed.
func (m *watchScreen) syncSpecs() {
	v := m.version()
	if v == m.specsOf {
		return
	}
	m.specsOf = v
	var names []string
	for _, rs := range m.shown {
		for _, e := range rs.series.entries {
			names = append(names, e.name)
		}
	}
	m.specs = planCharts(names, m.filter, m.paired)
}

// replan forces the next refresh to lay the charts out again.
func (m *watchScreen) replan() {
	m.specsOf = -1
	m.lim.invalidate()
}
