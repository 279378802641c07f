package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
)

// A running trainer that stops making steps is flagged stalled once its
// silence passes max(60 s, 5x its median step interval); a paused one is
// not, nor is one that resumes.
func TestDashboardFlagsStalledTrainer(t *testing.T) {
	clk := &testClock{t: time.Unix(1700000000, 0)}
	f := newFakeRun()
	m := New([]live.Run{{Info: fakeInfo(), Ctl: f, Feed: f}}, Options{Renderer: fixedRenderer(termenv.Ascii), ChartInterval: -1, Now: clk.now})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	for i := 1; i <= 40; i++ {
		clk.advance(100 * time.Millisecond)
		m.Update(snapshotMsg{snap: fakeSnapshot(i, i), ok: true})
	}
	clk.advance(59 * time.Second)
	m.Update(snapshotMsg{snap: fakeSnapshot(41, 40), ok: true}) // snapshots, but no new step
	if sc := frameText(m); strings.Contains(sc, "stalled") {
		t.Fatalf("stalled after 59 s:\n%s", sc)
	}
	clk.advance(2 * time.Second)
	m.Update(snapshotMsg{snap: fakeSnapshot(41, 40), ok: true})
	if sc := frameText(m); !strings.Contains(sc, "▶ stalled") {
		t.Fatalf("not stalled after 61 s without a step:\n%s", sc)
	}
	paused := fakeSnapshot(41, 40)
	paused.State = live.Paused
	m.Update(snapshotMsg{snap: paused, ok: true})
	clk.advance(5 * time.Minute)
	m.Update(snapshotMsg{snap: paused, ok: true})
	if sc := frameText(m); strings.Contains(sc, "stalled") || !strings.Contains(sc, "paused") {
		t.Errorf("a paused run is not stalled:\n%s", sc)
	}
	m.Update(snapshotMsg{snap: fakeSnapshot(41, 41), ok: true})
	clk.advance(10 * time.Second)
	m.Update(snapshotMsg{snap: fakeSnapshot(42, 42), ok: true})
	if sc := frameText(m); strings.Contains(sc, "stalled") {
		t.Errorf("a resumed run is not stalled:\n%s", sc)
	}
}
