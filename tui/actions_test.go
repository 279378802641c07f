package tui

import (
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/live"
)

func TestKeysSendCommands(t *testing.T) {
	m, f := newTestModel(t, 120, 40)
	press(m, " ", "B", "s", "r", ">")
	want := []live.Command{live.TogglePause{}, live.SetBeta{Beta: 1.5},
		live.NewSamples{Label: -1}, live.NewReconstructions{}, live.SetLR{LR: 2e-3}}
	got := f.commands()
	if len(got) != len(want) {
		t.Fatalf("sent %#v", got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) { // NewReconstructions holds a slice
			t.Errorf("command %d = %#v, want %#v", i, got[i], want[i])
		}
	}
	if s := frameText(m); !strings.Contains(s, "β 1 → 1.5") {
		t.Errorf("pending β not shown:\n%s", s)
	}
}

func TestCoalescedRunesAndPendingBeta(t *testing.T) {
	m, f := newTestModel(t, 120, 40)
	// tmux send-keys "bb" arrives as one message; both presses count, and
	// the second steps from the first's value, not the stale snapshot's.
	press(m, "bb")
	got := f.commands()
	if len(got) != 2 || got[0] != (live.SetBeta{Beta: 0.75}) || got[1] != (live.SetBeta{Beta: 0.5}) {
		t.Fatalf("sent %#v", got)
	}
	s := fakeSnapshot(41, 45)
	s.Beta = 0.5
	m.Update(snapshotMsg{snap: s, ok: true})
	if m.cur.beta.live {
		t.Error("pending β not cleared by the snapshot that shows it")
	}
	if !strings.Contains(frameText(m), "β 0.5") {
		t.Error("status does not show the new β")
	}
}

func TestPasteIsNotACommand(t *testing.T) {
	m, f := newTestModel(t, 120, 40)
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q"), Paste: true})
	if m.quitting || len(f.commands()) != 0 {
		t.Fatal("pasted q acted")
	}
}

func TestDigitKeysOnlyForConditional(t *testing.T) {
	m, f := newTestModel(t, 120, 40)
	press(m, "3")
	if len(f.commands()) != 0 {
		t.Fatal("digit key acted on an unconditional model")
	}
	info := fakeInfo()
	info.Conditional = true
	m, f = newTestModelOf(t, 120, 40, info)
	m.Update(snapshotMsg{snap: fakeSnapshot(41, 41), ok: true})
	press(m, "3")
	if got := f.commands(); len(got) != 1 || got[0] != (live.NewSamples{Label: 3}) {
		t.Fatalf("sent %#v", got)
	}
	if !strings.Contains(frameText(m), "samples of digit 3") {
		t.Error("sample pane does not say which digit")
	}
}

func TestChartKeysFollowFocus(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	press(m, "l")
	if !dash(m).modes[lossPane].logY || !dash(m).modes[gradPane].logY {
		t.Fatal("l should toggle the loss charts first")
	}
	if strings.Count(frameText(m), "[log]") < 5 { // 4 loss charts + the gradient norm
		t.Error("log mode not shown")
	}
	press(m, "tab", "l")
	if dash(m).modes[gradPane].logY {
		t.Fatal("l with gradient focus should toggle the gradient charts (log by default)")
	}
	press(m, "tab", "tab") // back to loss
	if dash(m).focus != lossPane {
		t.Fatalf("focus %v", dash(m).focus)
	}
	press(m, "shift+tab")
	if dash(m).focus != digitsPane {
		t.Fatalf("shift+tab focus %v", dash(m).focus)
	}
	press(m, "]")
	if m.smoothing != 0.95 || !strings.Contains(frameText(m), "EMA.95") {
		t.Fatalf("smoothing %v", m.smoothing)
	}
	press(m, "[", "[")
	if m.smoothing != 0.8 {
		t.Fatalf("smoothing %v", m.smoothing)
	}
}

func TestZoomKeptWhileDataArrives(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	press(m, "z")
	span := dash(m).modes[lossPane].win.Span
	if span != 19 {
		t.Fatalf("span %v", span)
	}
	press(m, "left")
	end := dash(m).modes[lossPane].win.End
	m.Update(snapshotMsg{snap: fakeSnapshot(41, 200), ok: true})
	if dash(m).modes[lossPane].win.Span != span || dash(m).modes[lossPane].win.End != end {
		t.Fatalf("window changed with new data: %+v", dash(m).modes[lossPane].win)
	}
	if x0, x1 := dash(m).total.Window().Bounds(1, 200); x1 != end || x1-x0 != span {
		t.Fatalf("chart shows %v..%v", x0, x1)
	}
	if !strings.Contains(frameText(m), "steps to") {
		t.Error("pinned window not labelled")
	}
	press(m, "Z", "Z", "Z", "Z", "Z", "Z", "Z", "Z")
	if dash(m).modes[lossPane].win.Span != 0 {
		t.Fatal("zooming out should end at all steps")
	}
}

// q and Ctrl-C leave the dashboard and send the run nothing: the viewer
// detaches, and the program that started the run stops it.
func TestQuitAndCtrlCLeaveWithoutStopping(t *testing.T) {
	for _, c := range []struct {
		key  string
		ends func(tea.Cmd) bool
	}{{"q", quits}, {"ctrl+c", interrupts}} {
		m, f := newTestModel(t, 120, 40)
		_, cmd := m.Update(keyMsg(c.key))
		if got := f.commands(); len(got) != 0 {
			t.Fatalf("%s sent %#v", c.key, got)
		}
		if !c.ends(cmd) {
			t.Fatalf("%s did not end the program as it should", c.key)
		}
		if m.View() != "" {
			t.Error("view not cleared on quit")
		}
	}
	// q is a normal end, Ctrl-C an interrupt: neither is the other.
	m, _ := newTestModel(t, 120, 40)
	if _, cmd := m.Update(keyMsg("q")); interrupts(cmd) {
		t.Error("q interrupts")
	}
	m, _ = newTestModel(t, 120, 40)
	if _, cmd := m.Update(keyMsg("ctrl+c")); quits(cmd) {
		t.Error("ctrl+c quits as if done")
	}
}

// quits reports whether cmd (possibly a batch) yields tea.Quit.
func quits(cmd tea.Cmd) bool { return yields[tea.QuitMsg](cmd) }

// interrupts reports whether cmd (possibly a batch) yields tea.Interrupt.
func interrupts(cmd tea.Cmd) bool { return yields[tea.InterruptMsg](cmd) }

func yields[M tea.Msg](cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case M:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if yields[M](c) {
				return true
			}
		}
	}
	return false
}

func TestRefusedCommandIsReported(t *testing.T) {
	m, f := newTestModel(t, 120, 40)
	f.refuse = true
	press(m, "B")
	if m.cur.beta.live || !strings.Contains(frameText(m), "trainer busy") {
		t.Fatal("a refused command should leave β alone and say so")
	}
}
