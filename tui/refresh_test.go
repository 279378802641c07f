package tui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
)

func TestChartRedrawRateLimit(t *testing.T) {
	f := newFakeRun()
	clk := &testClock{t: time.Unix(1700000000, 0)}
	r := fixedRenderer(termenv.Ascii)
	m := New([]live.Run{{Info: fakeInfo(), Ctl: f, Feed: f}}, Options{Renderer: r, ChartInterval: 200 * time.Millisecond, Now: clk.now})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(snapshotMsg{snap: fakeSnapshot(1, 40), ok: true})
	before := m.body
	clk.advance(50 * time.Millisecond)
	_, cmd := m.Update(snapshotMsg{snap: fakeSnapshot(41, 400), ok: true})
	if m.body != before {
		t.Fatal("charts redrew within the rate limit")
	}
	if cmd == nil {
		t.Fatal("no redraw scheduled")
	}
	clk.advance(200 * time.Millisecond)
	m.Update(redrawMsg{})
	if m.body == before {
		t.Fatal("scheduled redraw did not draw the new data")
	}
}
