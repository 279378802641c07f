package tui

import (
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// BoxFigures are the figures of the machine a run trains on that its users
// check first: this process's CPU use (% of one core) and resident memory,
// and the machine's one-minute load and available memory. They come into
// the tui from outside it (Options.Box), so tests can fix them.
type BoxFigures struct {
	CPU      float64
	RSS      uint64
	Load1    float64
	MemAvail uint64
}

// boxInterval is how often the box's figures are sampled.
const boxInterval = time.Second

// boxMsg carries a sample; ok is false when there was none to take.
type boxMsg struct {
	figures BoxFigures
	ok      bool
}

// sampleBox takes a sample off the UI goroutine, after wait.
func (m *Model) sampleBox(wait time.Duration) tea.Cmd {
	box := m.opts.Box
	if box == nil {
		return nil
	}
	take := func() tea.Msg { f, ok := box(); return boxMsg{f, ok} }
	if wait <= 0 {
		return take
	}
	return tea.Tick(wait, func(time.Time) tea.Msg { return take() })
}

// takeBox keeps a sample and asks for the next.
func (m *Model) takeBox(msg boxMsg) tea.Cmd {
	m.box, m.haveBox = msg.figures, msg.ok
	return m.sampleBox(boxInterval)
}

// boxText is the box's figures for a status row, after a separator; ""
// until a sample has come.
func (s *statusBar) boxText() string {
	m := s.root
	if !m.haveBox {
		return ""
	}
	th, b := m.theme, m.box
	return th.Dim.Render(" │ ") + s.kv("cpu", fmt.Sprintf("%.0f%%", b.CPU)) + " " + s.kv("rss", fmtBytes(b.RSS)) +
		th.Dim.Render(" │ ") + s.kv("load", fmt.Sprintf("%.2f", b.Load1)) + " " + s.kv("free", fmtBytes(b.MemAvail))
}

// fmtBytes is a size for people: "312 MB", "20.1 GB".
func fmtBytes(b uint64) string {
	switch {
	case b >= 10<<30:
		return fmt.Sprintf("%.0f GB", float64(b)/(1<<30))
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(b)/(1<<30))
	}
	return fmt.Sprintf("%.0f MB", float64(b)/(1<<20))
}
