package tui

import (
	"bytes"
	"io"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

func asciiRenderer() *lipgloss.Renderer { return fixedRenderer(termenv.Ascii) }

// fixedRenderer is a renderer with profile p whatever the environment.
// (termenv.WithProfile is not enough: lipgloss asks the environment for the
// profile unless it is set on the renderer itself.)
func fixedRenderer(p termenv.Profile) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(p)
	return r
}

// asciiTheme is a theme without colour.
func asciiTheme() *widget.Theme {
	return widget.NewTheme(fixedRenderer(termenv.Ascii))
}

func outputHas(parts ...string) func([]byte) bool {
	return func(b []byte) bool {
		for _, p := range parts {
			if !bytes.Contains(b, []byte(p)) {
				return false
			}
		}
		return true
	}
}

// eventually polls cond for up to 5 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// TestProgramEndToEnd runs the model in a real bubbletea program (teatest)
// against the fake run: draw, keys in, commands out, snapshots in, quit.
func TestProgramEndToEnd(t *testing.T) {
	f := newFakeRun()
	t.Cleanup(f.Close) // unblocks the snapshot read after quit
	m := New([]live.Run{{Info: fakeInfo(), Ctl: f, Feed: f}}, Options{Renderer: asciiRenderer()})
	f.publish(fakeSnapshot(1, 40))
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	teatest.WaitFor(t, tm.Output(), outputHas("loss / step", "samples from the prior", "▶ running"),
		teatest.WithDuration(5*time.Second))

	tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	tm.Type("B")
	eventually(t, "two commands", func() bool { return len(f.commands()) >= 2 })
	if got := f.commands(); got[0] != (live.TogglePause{}) || got[1] != (live.SetBeta{Beta: 1.5}) {
		t.Fatalf("sent %#v", got)
	}
	s := fakeSnapshot(41, 44)
	s.State, s.Beta = live.Paused, 1.5
	f.publish(s)
	teatest.WaitFor(t, tm.Output(), outputHas("|| paused", "β 1.5"), teatest.WithDuration(5*time.Second))

	tm.Type("q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(2*time.Second)).(*Model)
	if snap, _ := fm.Snapshot(); snap.Step != 44 || fm.cur.hist.steps[len(fm.cur.hist.steps)-1] != 44 {
		t.Errorf("final model at step %d", snap.Step)
	}
	if got := f.commands(); got[len(got)-1] == (live.Stop{}) {
		t.Errorf("leaving the dashboard stopped the run: %#v", got)
	}
}
