package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
)

// testClock is a settable clock.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time          { return c.t }
func (c *testClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// newTestModel builds a model on a fake run with a fixed Ascii renderer
// (this model's own, not lipgloss' global one), sized w×h, no chart rate
// limit, and one snapshot applied.
func newTestModel(t *testing.T, w, h int) (*Model, *fakeRun) {
	t.Helper()
	return newTestModelOf(t, w, h, fakeInfo())
}

// newTestModelOf is newTestModel for a run described by info.
func newTestModelOf(t *testing.T, w, h int, info live.RunInfo) (*Model, *fakeRun) {
	t.Helper()
	f := newFakeRun()
	clk := &testClock{t: time.Unix(1700000000, 0)}
	r := fixedRenderer(termenv.Ascii)
	m := New([]live.Run{{Info: info, Ctl: f, Feed: f}}, Options{Renderer: r, ChartInterval: -1, Now: clk.now})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m.Update(snapshotMsg{snap: fakeSnapshot(1, 40), ok: true})
	return m, f
}

// screen is View without escape sequences.
func frameText(m *Model) string { return ansi.Strip(m.View()) }

// checkFrame asserts the frame is exactly w×h cells: nothing wraps or
// scrolls, so a resize can never leave garbage behind.
func checkFrame(t *testing.T, m *Model, w, h int) {
	t.Helper()
	lines := strings.Split(m.View(), "\n")
	if len(lines) != h {
		t.Fatalf("%dx%d: frame has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("%dx%d: line %d is %d cells wide: %q", w, h, i, got, ansi.Strip(l))
		}
	}
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

// keyMsg is the message a terminal sends for k ("tab", "left", "b").
func keyMsg(k string) tea.KeyMsg {
	switch k {
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

func TestFinishedStaysAndKeepsSampling(t *testing.T) {
	m, f := newTestModel(t, 120, 40)
	s := fakeSnapshot(41, 41)
	s.State, s.Message, s.ETA = live.Finished, "finished 20 epochs", 0
	s.EpochHistory = append(s.EpochHistory, live.EpochMetric{Epoch: 3, TrainLoss: 50, TestLoss: 55})
	s.Epochs = 3
	m.Update(snapshotMsg{snap: s, ok: true})
	v := frameText(m)
	for _, want := range []string{"✓ finished", "ETA done", "100%", "16/16 steps", "last epoch 3: train 50.00  test 55.00"} {
		if !strings.Contains(v, want) {
			t.Errorf("finished view lacks %q\n%s", want, v)
		}
	}
	press(m, "s")
	if got := f.commands(); len(got) != 1 || got[0] != (live.NewSamples{Label: -1}) {
		t.Fatalf("sent %#v", got)
	}
}

func TestFeedClosedStopsReading(t *testing.T) {
	m, f := newTestModel(t, 120, 40)
	last := fakeSnapshot(41, 41)
	last.State = live.Stopped
	_, cmd := m.Update(snapshotMsg{snap: last, ok: true, closed: true})
	if cmd != nil {
		if _, rearmed := cmd().(snapshotMsg); rearmed {
			t.Fatal("re-armed the read after the feed closed")
		}
	}
	if !strings.Contains(frameText(m), "■ stopped") {
		t.Error("stopped state not shown")
	}
	press(m, " ")
	if len(f.commands()) != 0 {
		t.Error("sent a command to a stopped trainer")
	}
}

// A note on an idle run goes when its time is up, with no snapshot to
// trigger the redraw: the key that set it asked for a noteExpiredMsg.
func TestNoteExpiresOnAnIdleRun(t *testing.T) {
	f := newFakeRun()
	clk := &testClock{t: time.Unix(1700000000, 0)}
	m := New([]live.Run{{Info: fakeInfo(), Ctl: f, Feed: f}}, Options{Renderer: fixedRenderer(termenv.Ascii), ChartInterval: -1, Now: clk.now})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	s := fakeSnapshot(1, 40)
	s.State = live.Paused
	m.Update(snapshotMsg{snap: s, ok: true})
	press(m, "s")
	if !strings.Contains(frameText(m), "new samples") {
		t.Fatalf("no note:\n%s", frameText(m))
	}
	clk.advance(5 * time.Second)
	m.Update(noteExpiredMsg{})
	if strings.Contains(frameText(m), "new samples from the prior") {
		t.Fatalf("the note outlived its time:\n%s", frameText(m))
	}
}

// TestNoGlobalRenderer: a model draws with its own renderer, whatever the
// global lipgloss one says (an SSH server has one renderer per session).
func TestNoGlobalRenderer(t *testing.T) {
	old := lipgloss.ColorProfile()
	lipgloss.SetColorProfile(termenv.TrueColor)
	t.Cleanup(func() { lipgloss.SetColorProfile(old) })
	m, _ := newTestModel(t, 120, 40)
	if v := m.View(); strings.Contains(v, "38;2;") || strings.Contains(v, "38;5;") {
		t.Fatal("an Ascii-profile model printed colours")
	}
}

// dash is the dashboard under test: the bottom screen of a single run.
func dash(m *Model) *dashScreen { return m.stack[0].(*dashScreen) }

// cmpScreen is the compare screen under test.
func cmpScreen(m *Model) *compareScreen { return m.stack[0].(*compareScreen) }
