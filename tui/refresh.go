package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/tui/widget"
)

// refresh rebuilds the frame's stale blocks: the root drops a note whose
// time is up and makes room for a long message, then the top screen
// redraws what it has to.
func (m *Model) refresh() tea.Cmd {
	if m.lay.w == 0 {
		return nil
	}
	now := m.opts.Now()
	if m.note != "" && now.After(m.noteUntil) {
		m.note = ""
	}
	// A message too long for the status line takes rows from the panes
	// while it lasts.
	if need := min(m.status.messageRows(), maxMessageRows); m.lay.mode != tooSmall && need != m.lay.msgRows {
		m.lay = newLayoutWithMessage(m.lay.w, m.lay.h, need)
		m.invalidate()
	}
	cmd := m.top().refresh(now)
	if m.modal != nil && m.lay.mode != tooSmall {
		m.helpLine = m.inputLine()
	}
	return cmd
}

// tooSmallView is the body of a terminal too small for any layout.
func (m *Model) tooSmallView() string {
	l := m.lay
	msg := fmt.Sprintf("terminal too small: %dx%d (need %dx%d) · q quits", l.w, l.h, minW, minH)
	lines := widget.BlankLines(l.w, l.h)
	lines[l.h/2] = widget.Center(msg, l.w)
	return strings.Join(lines, "\n")
}
