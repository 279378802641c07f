package tui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

func newRunListKeys(m *runList) *keyMap {
	k := &keyMap{}
	k.groups = []keyGroup{
		{"runs", []*binding{
			bind([]string{"up", "k"}, "↑/k", "previous run", 0, m.moveCursor),
			bind([]string{"down", "j"}, "↓/j", "next run", 0, m.moveCursor),
			bind([]string{"pgup", "pgdown", "home", "end"}, "pgup/pgdn/home/end", "page up/down, first/last", 0, m.moveCursor),
			bind([]string{" ", "x"}, "space/x", fmt.Sprintf("pick or unpick (up to %d)", maxPicked), 1, m.togglePick),
			bind([]string{"enter"}, "enter", "charts of the picked runs (or this one)", 2, m.openCharts),
			bind([]string{"s"}, "s", "sort by the next column", 3, m.nextSort),
			bind([]string{"r"}, "r", "reverse the sort", 4, m.reverseSort),
			bindInput([]string{"/"}, "/", "filter runs by name (substring or regexp)", 5, "filter runs: ", m.setListFilter),
			bind([]string{"c"}, "c", "clear the picks", 0, m.clearPicks),
		}},
		{"app", appKeys(m.Model, 6, 7)},
	}
	return k
}

// moveCursor moves the cursor a row or a page.
func (m *runList) moveCursor(k string) tea.Cmd {
	page := max(1, m.lay.h-4)
	switch k {
	case "up", "k":
		m.cursor--
	case "down", "j":
		m.cursor++
	case "pgup":
		m.cursor -= page
	case "pgdown":
		m.cursor += page
	case "home":
		m.cursor = 0
	case "end":
		m.cursor = len(m.rows) - 1
	}
	m.cursor = clamp(m.cursor, 0, max(0, len(m.rows)-1))
	m.lim.invalidate()
	return nil
}

// togglePick picks the cursor's run, or unpicks it.
func (m *runList) togglePick(string) tea.Cmd {
	if m.cursor >= len(m.rows) {
		return nil
	}
	rs := m.rows[m.cursor]
	if i := m.pickedIndex(rs); i >= 0 {
		m.picked = append(m.picked[:i], m.picked[i+1:]...)
	} else if len(m.picked) >= maxPicked {
		m.setNote(fmt.Sprintf("at most %d runs together: unpick one first", maxPicked))
	} else {
		m.picked = append(m.picked, rs)
	}
	m.lim.invalidate()
	return nil
}

func (m *runList) clearPicks(string) tea.Cmd {
	m.picked = nil
	m.lim.invalidate()
	return nil
}

// openCharts shows the picked runs' charts together, or the cursor's
// run's alone; esc comes back.
func (m *runList) openCharts(string) tea.Cmd {
	runs := append([]*runState(nil), m.picked...)
	if len(runs) == 0 && m.cursor < len(m.rows) {
		runs = []*runState{m.rows[m.cursor]}
	}
	if len(runs) == 0 {
		return nil
	}
	m.cur = runs[0]
	m.push(newWatchScreen(m.Model, runs))
	return nil
}

func (m *runList) nextSort(string) tea.Cmd {
	m.sortBy = (m.sortBy + 1) % numColumns
	m.desc, m.cursor, m.top = false, 0, 0 // the top of the new order (the title names it)
	m.lim.invalidate()
	return nil
}

func (m *runList) reverseSort(string) tea.Cmd {
	m.desc, m.cursor, m.top = !m.desc, 0, 0
	m.lim.invalidate()
	return nil
}

func (m *runList) setListFilter(text string) tea.Cmd {
	m.filter = newSeriesFilter(text)
	m.cursor, m.top = 0, 0
	m.lim.invalidate()
	return nil
}
