package tui

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
)

// Characterisation goldens: frames no other golden pins, taken before the
// tui was reshaped into screens, so that the reshaping shows no change.
// Regenerate only for a deliberate change:
//
//	go test ./tui/ -run 'Golden' -update

// The help overlay, on the dashboard, the compare screen and the explorer.
func TestHelpGolden(t *testing.T) {
	for _, s := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("dashboard_%dx%d", s[0], s[1]), func(t *testing.T) {
			m, _ := newTestModel(t, s[0], s[1])
			press(m, "?")
			golden.RequireEqual(t, []byte(frameText(m)))
		})
		t.Run(fmt.Sprintf("compare_%dx%d", s[0], s[1]), func(t *testing.T) {
			r := newCompareRig(t, s[0], s[1])
			press(r.m, "?")
			golden.RequireEqual(t, []byte(frameText(r.m)))
		})
		t.Run(fmt.Sprintf("explorer_%dx%d", s[0], s[1]), func(t *testing.T) {
			r := openRig(t, s[0], s[1])
			r.press("?")
			golden.RequireEqual(t, []byte(frameText(r.m)))
		})
	}
}

// The compact layout with the gradient pane focused: its chart is the
// gradient norm's, not KL's.
func TestCompactGradFocusGolden(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	press(m, "tab")
	golden.RequireEqual(t, []byte(frameText(m)))
}

// Paused, finished and stopped runs (a feed that closed) on the dashboard
// and on the compare screen.
func TestRunStatesGolden(t *testing.T) {
	states := []struct {
		name   string
		state  live.State
		closed bool
	}{{"paused", live.Paused, false}, {"finished", live.Finished, false}, {"feed_closed", live.Running, true}}
	for _, st := range states {
		t.Run("dashboard_"+st.name, func(t *testing.T) {
			m, _ := newTestModel(t, 120, 40)
			s := fakeSnapshot(1, 40)
			s.State = st.state
			m.Update(snapshotMsg{snap: s, ok: true, closed: st.closed})
			golden.RequireEqual(t, []byte(frameText(m)))
		})
		t.Run("compare_"+st.name, func(t *testing.T) {
			r := newCompareRig(t, 120, 40)
			s := fakeSnapshot(1, 40)
			s.State = st.state
			r.m.Update(snapshotMsg{run: 1, snap: s, ok: true, closed: st.closed})
			golden.RequireEqual(t, []byte(frameText(r.m)))
		})
	}
}

// vaetop explore FILE: the explorer alone, with no dashboard behind it.
func TestExploreOnlyGolden(t *testing.T) {
	for _, s := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			info := fakeInfo()
			r := newExplorerRig(t, s[0], s[1], Options{ExploreOnly: true}, info)
			golden.RequireEqual(t, []byte(frameText(r.m)))
		})
	}
}

// The explorer opened from the compare screen, on the focused run.
func TestCompareExplorerGolden(t *testing.T) {
	c := newCompareRig(t, 120, 40)
	snap := fakeSnapshot(1, 50)
	snap.Latents = fakeLatents(200, 8, 1)
	c.m.Update(snapshotMsg{run: 1, snap: snap, ok: true})
	r := &explorerRig{m: c.m}
	r.press("n", "e")
	golden.RequireEqual(t, []byte(frameText(r.m)))
}

// Frames too small for any layout, on every screen.
func TestTooSmallGolden(t *testing.T) {
	for _, s := range [][2]int{{30, 8}, {12, 3}} {
		t.Run(fmt.Sprintf("dashboard_%dx%d", s[0], s[1]), func(t *testing.T) {
			m, _ := newTestModel(t, s[0], s[1])
			golden.RequireEqual(t, []byte(frameText(m)))
		})
		t.Run(fmt.Sprintf("compare_%dx%d", s[0], s[1]), func(t *testing.T) {
			r := newCompareRig(t, s[0], s[1])
			golden.RequireEqual(t, []byte(frameText(r.m)))
		})
		t.Run(fmt.Sprintf("explorer_%dx%d", s[0], s[1]), func(t *testing.T) {
			r := openRig(t, 120, 40)
			r.settle(r.update(tea.WindowSizeMsg{Width: s[0], Height: s[1]}))
			golden.RequireEqual(t, []byte(frameText(r.m)))
		})
	}
}

// Frames with their colour escapes kept (ANSI256), digits and charts in
// colour: the dashboard and the explorer.
func TestColourGolden(t *testing.T) {
	t.Run("dashboard", func(t *testing.T) {
		f := newFakeRun()
		clk := &testClock{t: time.Unix(1700000000, 0)}
		m := New([]live.Run{{Info: fakeInfo(), Ctl: f, Feed: f}}, Options{Renderer: fixedRenderer(termenv.ANSI256), ChartInterval: -1, Now: clk.now})
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m.Update(snapshotMsg{snap: fakeSnapshot(1, 40), ok: true})
		golden.RequireEqual(t, []byte(m.View()))
	})
	t.Run("explorer", func(t *testing.T) {
		r := newExplorerRig(t, 80, 24, Options{Renderer: fixedRenderer(termenv.ANSI256)}, fakeInfo())
		r.press("e")
		golden.RequireEqual(t, []byte(r.m.View()))
	})
}

// The training box's figures in the status: fixed ones, as Options.Box
// would bring them, on the dashboard and on the compare screen.
func TestBoxFiguresGolden(t *testing.T) {
	box := boxMsg{BoxFigures{CPU: 187.4, RSS: 312 << 20, Load1: 1.93, MemAvail: 20 << 30}, true}
	t.Run("dashboard", func(t *testing.T) {
		m, _ := newTestModel(t, 120, 40)
		m.Update(box)
		golden.RequireEqual(t, []byte(frameText(m)))
	})
	t.Run("compare", func(t *testing.T) {
		r := newCompareRig(t, 120, 40)
		r.m.Update(box)
		golden.RequireEqual(t, []byte(frameText(r.m)))
	})
}

// Options.Box is sampled at the start and then every second, off the UI
// goroutine; without it nothing is asked.
func TestBoxIsSampled(t *testing.T) {
	calls := 0
	f := newFakeRun()
	m := New([]live.Run{{Info: fakeInfo(), Ctl: f, Feed: f}}, Options{Box: func() (BoxFigures, bool) {
		calls++
		return BoxFigures{CPU: 50}, true
	}})
	if cmd := m.sampleBox(0); cmd == nil || calls != 0 {
		t.Fatalf("no sampling command, or it ran in place (%d calls)", calls)
	} else if msg, ok := cmd().(boxMsg); !ok || !msg.ok || msg.figures.CPU != 50 || calls != 1 {
		t.Fatalf("sample %#v", msg)
	}
	if m2 := New([]live.Run{{Info: fakeInfo(), Ctl: f, Feed: f}}, Options{}); m2.sampleBox(0) != nil {
		t.Error("a box sampled without Options.Box")
	}
}
