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
		s := screen(m)
		for _, g := range m.keys.groups {
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
	s := screen(m)
	if strings.Contains(s, "samples of one digit") {
		t.Error("help shows the digit keys of a conditional model")
	}
	press(m, "?")
	if strings.Contains(screen(m), "? closes this") {
		t.Error("help did not close")
	}
}
