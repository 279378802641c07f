package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/live"
)

func TestKeyTableIsConsistent(t *testing.T) {
	k := newKeyMap(dash(New([]live.Run{{Feed: newFakeRun()}}, Options{})))
	seen := map[string]string{}
	for _, g := range k.groups {
		for _, b := range g.bindings {
			h := b.Help()
			if h.Key == "" || h.Desc == "" || b.do == nil && b.run == nil {
				t.Errorf("binding %v lacks help or a handler", b.Keys())
			}
			for _, key := range b.Keys() {
				if other, dup := seen[key]; dup {
					t.Errorf("key %q bound to %q and %q", key, other, h.Desc)
				}
				seen[key] = h.Desc
			}
		}
	}
	short := k.ShortHelp()
	if len(short) < 5 || short[0].Help().Desc != "pause/run" {
		t.Errorf("short help %v", short)
	}
	if got := len(k.FullHelp()); got != len(k.groups) {
		t.Errorf("full help has %d columns", got)
	}
}

func TestLookup(t *testing.T) {
	k := newKeyMap(dash(New([]live.Run{{Feed: newFakeRun()}}, Options{})))
	for _, c := range []struct {
		key  tea.KeyMsg
		desc string
	}{
		{tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}, "pause/run"},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'+'}}, "β up"},
		{tea.KeyMsg{Type: tea.KeyCtrlC}, "interrupt (quit, exit 130)"},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'q'}}, "quit"},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'R'}}, "roll back to last epoch"},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'c'}}, "save checkpoint"},
		{tea.KeyMsg{Type: tea.KeyShiftTab}, "next pane"},
		{tea.KeyMsg{Type: tea.KeyLeft}, "pan zoomed steps"},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'7'}}, "samples of one digit"},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'?'}}, "all keys"},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'\\'}}, ""},
	} {
		b := k.lookup(c.key)
		switch {
		case c.desc == "" && b != nil:
			t.Errorf("%q matched %q", c.key, b.Help().Desc)
		case c.desc != "" && (b == nil || b.Help().Desc != c.desc):
			t.Errorf("%q did not match %q", c.key, c.desc)
		}
	}
}

func TestSplitKeys(t *testing.T) {
	got := splitKeys(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("b s")})
	if len(got) != 3 || got[0].String() != "b" || got[1].Type != tea.KeySpace || got[2].String() != "s" {
		t.Fatalf("%v", got)
	}
	if one := splitKeys(tea.KeyMsg{Type: tea.KeyTab}); len(one) != 1 || one[0].Type != tea.KeyTab {
		t.Fatalf("%v", one)
	}
}
