package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/live"
)

// snapshotMsg carries what the feed had when it was signalled. closed is
// set once the feed's channel is closed (the run has stopped): then snap is
// the final snapshot, if one was still pending, and nobody re-arms the read.
type snapshotMsg struct {
	run    int // which of the dashboard's runs it is for
	snap   live.Snapshot
	ok     bool
	closed bool
}

// redrawMsg asks for the charts held back by the redraw rate limit.
type redrawMsg struct{}

// noteExpiredMsg comes when a note's time is up, so that it goes even if
// nothing else happens.
type noteExpiredMsg struct{}

// waitSnapshot reads the feed once. Update re-arms it after each message,
// so exactly one read is outstanding and the UI goroutine never blocks on
// the trainer; a burst of publishes is coalesced by the feed into one Next.
func waitSnapshot(run int, f live.Feed) tea.Cmd {
	return func() tea.Msg {
		_, open := <-f.C()
		snap, ok := f.Next()
		return snapshotMsg{run: run, snap: snap, ok: ok, closed: !open}
	}
}
