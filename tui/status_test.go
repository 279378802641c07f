package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
)

func TestProgress(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	e, r := m.status.progress()
	if e != 7.0/16 || r != (2+7.0/16)/20 {
		t.Fatalf("progress %v %v", e, r)
	}
	m.cur.snap.State = live.Finished
	if e, r := m.status.progress(); e != 1 || r != 1 {
		t.Fatalf("finished progress %v %v", e, r)
	}
}

func TestStateLabels(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	for state, want := range map[live.State]string{
		live.Running: "▶ running", live.Paused: "|| paused",
		live.Finished: "✓ finished", live.Stopped: "■ stopped",
	} {
		m.cur.snap.State = state
		if got := m.status.stateOf(m.cur).status; got != want {
			t.Errorf("%v: %q", state, got)
		}
	}
	// Why a run stopped comes in its last snapshot.
	s := fakeSnapshot(41, 41)
	s.State, s.Message = live.Stopped, "stopped: writing metrics: disk full"
	m.Update(snapshotMsg{snap: s, ok: true, closed: true})
	if got := m.status.stateOf(m.cur).status; got != "■ stopped" || !strings.Contains(frameText(m), "stopped: writing metrics: disk full") {
		t.Errorf("run error: %q\n%s", got, frameText(m))
	}
}

func TestStatusWaitsForFirstSnapshot(t *testing.T) {
	f := newFakeRun()
	m := New([]live.Run{{Info: fakeInfo(), Ctl: f, Feed: f}}, Options{Renderer: asciiRenderer()})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if s := frameText(m); !strings.Contains(s, "waiting for the trainer") || !strings.Contains(s, "waiting for data") {
		t.Fatalf("empty dashboard:\n%s", s)
	}
	checkFrame(t, m, 120, 40)
}

// The status counts active units by the test pass's one definition
// (Latents.Active, variance ≥ live.ActiveVariance), not by step KL, and
// warns of posterior collapse.
func TestActiveDims(t *testing.T) {
	for _, size := range [][2]int{{160, 40}, {80, 24}} {
		m, _ := newTestModel(t, size[0], size[1])
		s := fakeSnapshot(41, 41)
		s.KLPerDim = []float64{0.5, 0.001, 2, 0} // would say 2/4
		s.Latents = &live.Latents{N: 2, Dim: 32, Active: 12, TestKL: 20}
		m.Update(snapshotMsg{snap: s, ok: true})
		v := frameText(m)
		if !strings.Contains(v, "12/32") || strings.Contains(v, "2/4") || strings.Contains(v, "collapsing") {
			t.Fatalf("%v: active units not from Latents:\n%s", size, v)
		}
		s.Latents = &live.Latents{N: 2, Dim: 32, Active: 3, TestKL: 20} // the weights the run started with
		m.Update(snapshotMsg{snap: s, ok: true})
		if v := frameText(m); !strings.Contains(v, "3/32") || strings.Contains(v, "collapsing") {
			t.Fatalf("%v: an untrained model is no collapse:\n%s", size, v)
		}
		s.Latents = &live.Latents{Epoch: 2, N: 2, Dim: 32, Active: 3, TestKL: 20}
		m.Update(snapshotMsg{snap: s, ok: true})
		if v := frameText(m); !strings.Contains(v, "3/32") || !strings.Contains(v, "posterior collapsing: 3 of 32 units active") {
			t.Fatalf("%v: no collapse warning:\n%s", size, v)
		}
		checkFrame(t, m, size[0], size[1])
	}
}

// Elapsed is wall time: it goes on while the run is paused (and publishes
// nothing), and stops when the run is done.
func TestElapsedRunsWhilePaused(t *testing.T) {
	clk := &testClock{t: time.Unix(1700000000, 0)}
	f := newFakeRun()
	m := New([]live.Run{{Info: fakeInfo(), Ctl: f, Feed: f}}, Options{Renderer: fixedRenderer(termenv.Ascii), ChartInterval: -1, Now: clk.now})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	s := fakeSnapshot(1, 40)
	s.State = live.Paused
	m.Update(snapshotMsg{snap: s, ok: true})
	clk.advance(5 * time.Second)
	m.Update(noteExpiredMsg{}) // any message refreshes the status
	if !strings.Contains(frameText(m), "elapsed 1m07s") {
		t.Errorf("paused for 5 s after 1m02s:\n%s", frameText(m))
	}
	s.State = live.Finished
	m.Update(snapshotMsg{snap: s, ok: true})
	clk.advance(time.Minute)
	m.Update(noteExpiredMsg{})
	if !strings.Contains(frameText(m), "elapsed 1m02s") {
		t.Errorf("finished: the clock went on:\n%s", frameText(m))
	}
}
