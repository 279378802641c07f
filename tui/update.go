package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/live"
)

// Update routes a message, then refreshes whatever cached blocks it made
// stale. View only joins those blocks.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.lay = newLayout(msg.Width, msg.Height)
		m.help.Width = msg.Width - 1 // the help line starts with a space
		for _, s := range m.stack {
			s.invalidate()
		}
		m.explorer.ex.dirtyAll()
	case tea.KeyMsg:
		for _, k := range splitKeys(msg) {
			if m.quitting {
				break
			}
			cmds = append(cmds, m.handleKey(k))
		}
		m.invalidate() // keys change titles, modes and notes: redraw now
		if m.note != "" && (m.cur.closed || m.cur.snap.State != live.Running) {
			// A run that publishes nothing (paused, a checkpoint explored)
			// sends no message to clear the note with: ask for one.
			cmds = append(cmds, tea.Tick(m.noteUntil.Sub(m.opts.Now())+10*time.Millisecond, func(time.Time) tea.Msg { return noteExpiredMsg{} }))
		}
	case snapshotMsg:
		if msg.run < 0 || msg.run >= len(m.runs) {
			break
		}
		rs := m.runs[msg.run]
		if msg.ok {
			m.apply(rs, msg.snap)
			cmds = append(cmds, m.top().update(runUpdated{rs}))
		}
		if msg.closed {
			rs.closed = true
		} else {
			cmds = append(cmds, waitSnapshot(msg.run, rs.run.Feed))
		}
	case redrawMsg:
		for _, s := range m.stack { // whichever screen asked for it
			s.update(msg)
		}
	case boxMsg:
		cmds = append(cmds, m.takeBox(msg))
	case watchTickMsg:
		cmds = append(cmds, m.top().update(msg))
	case catalogMsg:
		cmds = append(cmds, m.takeCatalog())
	case noteExpiredMsg:
		m.invalidate() // refresh drops the note once it is due
	case exploreDecodeMsg, exploreMapMsg, explorePollMsg:
		cmds = append(cmds, m.explorer.update(msg))
	}
	if !m.quitting {
		cmds = append(cmds, m.refresh())
	}
	return m, tea.Batch(cmds...)
}

func (m *Model) handleKey(k tea.KeyMsg) tea.Cmd {
	if m.modal != nil {
		return m.inputKey(k)
	}
	if k.Paste { // pasted text is never a command
		return nil
	}
	top := m.top()
	b := top.keyTable().lookup(k)
	switch {
	case b == nil:
		return nil
	case b.input != nil:
		return m.openInput(b)
	}
	return top.handle(b, k.String())
}

// apply takes in a snapshot of run rs.
func (m *Model) apply(rs *runState, s live.Snapshot) {
	rs.snap, rs.haveSnap = s, true                                // the events' wording reads the new snapshot
	rs.snap.Steps, rs.snap.Events, rs.snap.Series = nil, nil, nil // taken in below; do not keep the batches alive
	rs.syncTimeline()
	m.applyEvents(rs, s.Events, s.Clip)
	rs.hist.add(s.Steps, m.smoothing, s.Clip)
	if m.opts.Watch { // only the watch screens draw named series
		rs.series.take(s.Series, s.SeriesReset)
	}
	rs.trackSteps(s, m.opts.Now())
	rs.hist.epochs = s.EpochHistory
	now := m.opts.Now()
	// A value the trainer now reports, or one it never took within a
	// second (queue full), stops overriding the snapshot.
	for _, p := range []struct {
		p   *pending
		got float64
	}{{&rs.beta, s.Beta}, {&rs.lr, s.LR}} {
		if p.p.live && (p.got == p.p.v || now.Sub(p.p.at) > time.Second) {
			p.p.live = false
		}
	}
	if rs == m.cur {
		m.syncKeys()
	}
}
