package tui

import (
	"math"
	"sort"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/live"
)

// maxPicked is how many runs the run list overlays on one screen.
const maxPicked = 6

// runList is vaetop watch DIR's first screen: a row per run found (its
// name below the directory, format, state, last step, latest and best
// loss), sorted by any column and filtered by name; the runs picked are
// drawn together on a watch screen pushed over it.
type runList struct {
	*Model
	keys   *keyMap
	lim    redrawLimiter
	cursor int // index into rows
	top    int // first row shown
	sortBy listColumn
	desc   bool
	filter seriesFilter
	picked []*runState
	rows   []*runState // the runs shown, filtered and sorted
}

func newRunList(root *Model) *runList {
	m := &runList{Model: root, lim: redrawLimiter{dirty: true}, sortBy: colName}
	m.keys = newRunListKeys(m)
	return m
}

func (m *runList) keyTable() keyTable { return m.keys }

func (m *runList) handle(b *binding, k string) tea.Cmd { return m.handleDefault(b, k) }

func (m *runList) invalidate() { m.lim.invalidate() }

func (m *runList) syncKeys() {}

// update redraws the list when any run has news, at most every
// ChartInterval.
func (m *runList) update(msg tea.Msg) tea.Cmd {
	switch msg.(type) {
	case runUpdated, runsAdded:
		m.lim.dirty = true
	case redrawMsg:
		m.lim.pending = false
	}
	return nil
}

func (m *runList) refresh(now time.Time) tea.Cmd {
	if m.lay.mode == tooSmall {
		m.body = m.tooSmallView()
		return nil
	}
	feed, cmd := m.lim.due(now, m.opts.ChartInterval)
	if feed || m.lim.force {
		m.sortRows()
		m.header = m.listTitle()
		m.body = m.listView(now)
		if m.showHelp {
			m.body = strings.Join(m.helpView(m.keys.groups, m.lay.w, m.lay.h-2), "\n")
		}
		m.helpLine = fitHelp(m.Model, m.keys)
	}
	m.lim.force = false
	return cmd
}

// listColumn is a column of the run list.
type listColumn int

const (
	colName listColumn = iota
	colFormat
	colState
	colStep
	colLoss
	colBest
	numColumns
)

var columnNames = [numColumns]string{"run", "format", "state", "step", "loss", "best"}

// sortRows filters the runs by name and sorts them by the chosen column;
// as the figures change, the cursor stays on its run (a new sort order
// puts it at the top first).
func (m *runList) sortRows() {
	var at *runState
	if m.cursor > 0 && m.cursor < len(m.rows) {
		at = m.rows[m.cursor]
	}
	m.rows = m.rows[:0]
	for _, rs := range m.runs {
		if m.filter.match(m.nameOf(rs)) {
			m.rows = append(m.rows, rs)
		}
	}
	sort.SliceStable(m.rows, func(i, j int) bool {
		if m.desc {
			return m.less(m.rows[j], m.rows[i])
		}
		return m.less(m.rows[i], m.rows[j])
	})
	m.cursor = 0
	for i, rs := range m.rows {
		if rs == at {
			m.cursor = i
		}
	}
}

// less orders two runs by the sort column; runs without a value go last.
func (m *runList) less(a, b *runState) bool {
	fa, fb := fileOf(a), fileOf(b)
	switch m.sortBy {
	case colFormat:
		return fa.Format < fb.Format
	case colState:
		return stateText(a) < stateText(b)
	case colStep:
		return fa.LastStep < fb.LastStep
	case colLoss, colBest:
		va, vb := fa.Loss, fb.Loss
		if m.sortBy == colBest {
			va, vb = fa.BestLoss, fb.BestLoss
		}
		if fa.HaveLoss != fb.HaveLoss {
			return fa.HaveLoss != m.desc
		}
		return sortKey(va) < sortKey(vb)
	}
	return strings.ToLower(m.nameOf(a)) < strings.ToLower(m.nameOf(b))
}

// fileOf is a run's file status (a zero one before its first snapshot).
func fileOf(rs *runState) *live.FileStatus {
	if f := rs.snap.File; f != nil {
		return f
	}
	return &live.FileStatus{}
}

// stateText is a run's state for the list and for sorting.
func stateText(rs *runState) string {
	f := fileOf(rs)
	switch {
	case f.Err != "":
		return "error"
	case rs.snap.File == nil:
		return "starting"
	case f.Deleted:
		return "deleted"
	case !f.Exists:
		return "waiting"
	case f.Health == "":
		return "reading"
	}
	return f.Health
}

// pickedIndex is rs's place among the picked runs, or -1.
func (m *runList) pickedIndex(rs *runState) int {
	for i, p := range m.picked {
		if p == rs {
			return i
		}
	}
	return -1
}

// sortKey orders a loss: NaN and ±Inf after every finite value (last
// going up, first going down, where trouble is looked for).
func sortKey(v float64) float64 {
	if !live.Finite(v) {
		return math.Inf(1)
	}
	return v
}
