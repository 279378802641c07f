package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
)

// The dashboard is handed several runs and keeps each one's state apart:
// snapshots, history and pending β go to the run they are for; the screen
// and the keys are the first run's, as before.
func TestTwoRunsFromAFakeProducer(t *testing.T) {
	a, b := newFakeRun(), newFakeRun()
	m := New([]live.Run{{Info: fakeInfo(), Ctl: a, Feed: a}, {Info: fakeInfo(), Ctl: b, Feed: b}}, Options{Renderer: fixedRenderer(termenv.Ascii), ChartInterval: -1})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})

	// Init reads both feeds.
	a.publish(fakeSnapshot(1, 41))
	sb := fakeSnapshot(1, 99)
	sb.Beta = 2
	b.publish(sb)
	got := map[int]int64{}
	for _, msg := range batchMsgs(m.Init()) {
		if sm, ok := msg.(snapshotMsg); ok {
			got[sm.run] = sm.snap.Step
			m.Update(sm)
		}
	}
	if got[0] != 41 || got[1] != 99 {
		t.Fatalf("Init read %v, want run 0 at 41 and run 1 at 99", got)
	}
	if m.runs[0].snap.Step != 41 || m.runs[1].snap.Step != 99 || len(m.runs[1].hist.steps) != 99 || len(m.runs[0].hist.steps) != 41 {
		t.Fatalf("state mixed: %d/%d steps, %d/%d in history", m.runs[0].snap.Step, m.runs[1].snap.Step, len(m.runs[0].hist.steps), len(m.runs[1].hist.steps))
	}
	if s := frameText(m); !strings.Contains(s, "step 41") || strings.Contains(s, "step 99") {
		t.Errorf("the screen is not the first run's:\n%s", s)
	}

	// Keys steer the run on screen only; β shown before it confirms is its own.
	press(m, "B")
	if len(a.commands()) != 1 || len(b.commands()) != 0 {
		t.Fatalf("commands went to %d and %d runs' controllers", len(a.commands()), len(b.commands()))
	}
	if !m.runs[0].beta.live || m.runs[1].beta.live {
		t.Error("the pending β is not the first run's alone")
	}

	// The second run stopping does not stop the first.
	m.Update(snapshotMsg{run: 1, closed: true})
	if !m.runs[1].closed || m.runs[0].closed {
		t.Error("closing one feed closed the other run")
	}
	m.Update(snapshotMsg{run: 7, ok: true, snap: fakeSnapshot(1, 3)}) // no such run: ignored
}

// A run with no controller is watched, not steered.
func TestWatchOnlyRun(t *testing.T) {
	f := newFakeRun()
	m := New([]live.Run{{Info: fakeInfo(), Feed: f}}, Options{Renderer: fixedRenderer(termenv.Ascii), ChartInterval: -1})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(snapshotMsg{snap: fakeSnapshot(1, 41), ok: true})
	press(m, " ")
	if !strings.Contains(frameText(m), "this run is watch-only") {
		t.Errorf("space on a watch-only run:\n%s", frameText(m))
	}
}

// batchMsgs runs a tea.Batch's commands and returns their messages.
func batchMsgs(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, batchMsgs(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}
