package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestFullLayout120x40(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	checkFrame(t, m, 120, 40)
	s := frameText(m)
	for _, want := range []string{
		"vaetop", "▶ running", "epoch 3/20", "step 40", "img/s 5120", "ETA 3m45s", "β 1", "lr 1e-03",
		"7/16 steps", "last epoch 2: train 100.0  test 95.00", "data synthetic, 2000 images",
		"loss / step", "BCE / step", "KL / step", "loss / epoch", "grad norm", "[log]",
		"grad norm per layer", "mu|logvar", "test │ reconstruction", "samples from the prior",
		"space pause/run", "q quit",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("120x40 lacks %q\n%s", want, s)
		}
	}
	if !hasBraille(s) {
		t.Error("no chart lines")
	}
	if !regexp.MustCompile(`[#%@]{2}`).MatchString(s) { // Ascii profile: digits use the ramp
		t.Error("no digits")
	}
}

func TestCompactLayout80x24(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	checkFrame(t, m, 80, 24)
	s := frameText(m)
	for _, want := range []string{"▶ running", "ep 3/20", "β 1", "loss / step", "KL / step", "test │ reconstruction", "samples", "q quit"} {
		if !strings.Contains(s, want) {
			t.Errorf("80x24 lacks %q\n%s", want, s)
		}
	}
	if strings.Contains(s, "grad norm per layer") {
		t.Error("compact layout shows the layer bars")
	}
	press(m, "tab") // focus the gradients: the lower chart follows
	if s := frameText(m); !strings.Contains(s, "grad norm") || strings.Contains(s, "KL / step") {
		t.Errorf("compact with gradient focus:\n%s", s)
	}
}

func TestTooSmall40x10(t *testing.T) {
	m, f := newTestModel(t, 40, 10)
	checkFrame(t, m, 40, 10)
	if s := frameText(m); !strings.Contains(s, "terminal too small: 40x10 (need 80x24)") {
		t.Fatalf("got\n%s", s)
	}
	press(m, "q")
	if !m.quitting || len(f.commands()) != 0 {
		t.Fatal("q does not quit on a small terminal")
	}
}

func TestResizeKeepsFramesExact(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	for _, s := range [][2]int{{80, 24}, {40, 10}, {200, 60}, {100, 30}, {120, 40}, {81, 25}, {300, 80}} {
		m.Update(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
		checkFrame(t, m, s[0], s[1])
	}
}

func TestBetaChangeMarkedOnKLChart(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	s := fakeSnapshot(41, 80)
	for i := range s.Steps {
		if s.Steps[i].Step >= 60 {
			s.Steps[i].Beta = 0.5
		}
	}
	m.Update(snapshotMsg{snap: s, ok: true})
	if v := frameText(m); !strings.Contains(v, "β0.5") || !strings.Contains(v, "┊ β change") {
		t.Fatalf("no β marker:\n%s", v)
	}
}

func TestClipThresholdShown(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	s := fakeSnapshot(41, 60)
	s.Clip = 1
	m.Update(snapshotMsg{snap: s, ok: true})
	v := frameText(m)
	if !strings.Contains(v, "╌ clip 1") || !strings.Contains(v, "│ clip threshold") {
		t.Fatalf("clipping not marked:\n%s", v)
	}
	if !strings.Contains(v, "clip 1 (33%)") {
		t.Error("share of clipped steps not shown")
	}
}

func hasBraille(s string) bool {
	for _, r := range s {
		if r > 0x2800 && r <= 0x28FF {
			return true
		}
	}
	return false
}
