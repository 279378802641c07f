package tui

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// screen is one screen of the tui: the dashboard, the compare screen, the
// latent explorer. Each is a small model of its own, with its key table,
// its handling of messages and the blocks it draws into the frame's cache
// (the root's header, body and help line). The root holds what they all
// share (the runs, the theme, the window, the help overlay, the note line)
// and a stack of screens: the top one gets the keys and draws. Adding a
// screen means its own files, and a push where it is chosen.
type screen interface {
	keyTable() keyTable
	// handle does what binding b of the screen's table says for key k.
	handle(b *binding, k string) tea.Cmd
	// update takes a message: a run's new snapshot (runUpdated), a redraw
	// tick, the screen's own answers. A screen ignores the others.
	update(msg tea.Msg) tea.Cmd
	// refresh redraws the stale blocks into the root's frame cache.
	refresh(now time.Time) tea.Cmd
	// invalidate asks for a redraw of everything at the next refresh.
	invalidate()
	// syncKeys enables the keys that make sense for the run on screen.
	syncKeys()
}

// keyTable is a screen's keys: one table dispatches them and draws both
// help views, so the help never disagrees with what the keys do.
type keyTable interface {
	lookup(k tea.KeyMsg) *binding
	helpGroups() []keyGroup   // the help overlay, a column each
	shortHelp() []key.Binding // the help line, most important first
}

// runUpdated tells the top screen that run rs took in a new snapshot.
type runUpdated struct{ rs *runState }

// top is the screen on top of the stack.
func (m *Model) top() screen { return m.stack[len(m.stack)-1] }

// onTop reports whether s is the screen shown.
func (m *Model) onTop(s screen) bool { return m.top() == s }

// push shows s over the current screen.
func (m *Model) push(s screen) {
	m.stack = append(m.stack, s)
	m.showHelp = false
	s.syncKeys()
	s.invalidate()
}

// pop returns to the screen below the top one; the last one stays.
func (m *Model) pop() {
	if len(m.stack) < 2 {
		return
	}
	m.stack = m.stack[:len(m.stack)-1]
	m.showHelp = false
	m.top().syncKeys()
	m.top().invalidate()
}

// handleDefault is a binding's action on the run the keys act on: a run
// action, whose note is shown, or the screen's own handler.
func (m *Model) handleDefault(b *binding, k string) tea.Cmd {
	if b.run == nil {
		return b.do(k)
	}
	if note := b.run(m.cur, k); note != "" {
		m.setNote(note)
	}
	return nil
}

// redrawLimiter holds back redraws of the charts that new data causes to
// one per interval; user actions and resizes redraw at once.
type redrawLimiter struct {
	dirty   bool // the charts need new data or a redraw
	force   bool // redraw now, ignoring the interval
	last    time.Time
	pending bool // a redrawMsg is on its way
}

// due reports whether the charts are to be fed and redrawn now; when they
// must wait, the command brings a redrawMsg back when they may.
func (l *redrawLimiter) due(now time.Time, interval time.Duration) (bool, tea.Cmd) {
	if !l.dirty {
		return false, nil
	}
	wait := interval - now.Sub(l.last)
	switch {
	case l.force || wait <= 0:
		l.dirty, l.last = false, now
		return true, nil
	case !l.pending:
		l.pending = true
		return false, tea.Tick(wait, func(time.Time) tea.Msg { return redrawMsg{} })
	}
	return false, nil
}

// invalidate asks for a redraw of everything now.
func (l *redrawLimiter) invalidate() { l.dirty, l.force = true, true }
