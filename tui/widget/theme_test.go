package widget

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// fixedRenderer is a renderer with profile p whatever the environment.
// (termenv.WithProfile is not enough: lipgloss asks the environment for the
// profile unless it is set on the renderer itself.)
func fixedRenderer(p termenv.Profile) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(p)
	return r
}

func TestThemeFollowsItsRenderer(t *testing.T) {
	tc := NewTheme(fixedRenderer(termenv.TrueColor))
	if got := tc.Loss.Render("x"); !strings.Contains(got, "38;2;") || !tc.Colour() {
		t.Errorf("true colour theme renders %q", got)
	}
	c256 := NewTheme(fixedRenderer(termenv.ANSI256))
	if got := c256.Loss.Render("x"); !strings.Contains(got, "38;5;") {
		t.Errorf("256-colour theme renders %q", got)
	}
	plain := asciiTheme()
	if got := plain.Loss.Render("x"); got != "x" || plain.Colour() {
		t.Errorf("Ascii theme renders %q", got)
	}
}
