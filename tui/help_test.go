package tui

import (
	"strings"
	"testing"
)

func TestHelpOverlayListsEveryKey(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m, _ := newTestModel(t, size[0], size[1])
		press(m, "?")
		checkFrame(t, m, size[0], size[1])
		s := frameText(m)
		for _, g := range dash(m).keys.groups {
			for _, b := range g.bindings {
				if !b.Enabled() {
					continue
				}
				if h := b.Help(); !strings.Contains(s, h.Desc) || !strings.Contains(s, h.Key) {
					t.Errorf("%v: help lacks %q %q\n%s", size, h.Key, h.Desc, s)
				}
			}
		}
	}
	m, _ := newTestModel(t, 120, 40)
	press(m, "?")
	s := frameText(m)
	if strings.Contains(s, "samples of one digit") {
		t.Error("help shows the digit keys of a conditional model")
	}
	press(m, "?")
	if strings.Contains(frameText(m), "? closes this") {
		t.Error("help did not close")
	}
}

// A help overlay taller than the screen says so on its last line.
func TestHelpSaysWhenKeysAreCut(t *testing.T) {
	m, _ := newTestModel(t, 80, 24)
	lines := m.helpView(dash(m).keys.groups, 80, 8)
	if len(lines) != 8 || !strings.Contains(lines[7], "more keys than fit") {
		t.Fatalf("help cut to 8 lines:\n%s", strings.Join(lines, "\n"))
	}
	if full := m.helpView(dash(m).keys.groups, 200, 60); strings.Contains(strings.Join(full, "\n"), "more keys than fit") {
		t.Fatal("a help that fits says keys were cut")
	}
}
