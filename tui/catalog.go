package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// catalogEvery is how often the tui asks its catalog for new runs.
const catalogEvery = time.Second

// catalogMsg asks the root to take the catalog's new runs.
type catalogMsg struct{}

// runsAdded tells the top screen that runs joined.
type runsAdded struct{}

// pollCatalog asks for a catalogMsg in a second (nil without a catalog).
func (m *Model) pollCatalog() tea.Cmd {
	if m.opts.Catalog == nil {
		return nil
	}
	return tea.Tick(catalogEvery, func(time.Time) tea.Msg { return catalogMsg{} })
}

// takeCatalog adds the runs found since the last look, each with a feed
// of its own, and starts reading them.
func (m *Model) takeCatalog() tea.Cmd {
	srcs := m.opts.Catalog.Sources()
	if len(srcs) <= len(m.runs) {
		return m.pollCatalog()
	}
	cmds := []tea.Cmd{m.pollCatalog()}
	for _, src := range srcs[len(m.runs):] {
		r := src.Viewer()
		m.runs = append(m.runs, &runState{run: r, tl: timelineView{frame: -1}})
		cmds = append(cmds, waitSnapshot(len(m.runs)-1, r.Feed))
	}
	cmds = append(cmds, m.top().update(runsAdded{}))
	return tea.Batch(cmds...)
}
