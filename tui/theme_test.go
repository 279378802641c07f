package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestThemeFollowsItsRenderer(t *testing.T) {
	tc := newTheme(fixedRenderer(termenv.TrueColor))
	if got := tc.Loss.Render("x"); !strings.Contains(got, "38;2;") || !tc.Colour() {
		t.Errorf("true colour theme renders %q", got)
	}
	c256 := newTheme(fixedRenderer(termenv.ANSI256))
	if got := c256.Loss.Render("x"); !strings.Contains(got, "38;5;") {
		t.Errorf("256-colour theme renders %q", got)
	}
	plain := asciiTheme()
	if got := plain.Loss.Render("x"); got != "x" || plain.Colour() {
		t.Errorf("Ascii theme renders %q", got)
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
