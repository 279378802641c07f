package widget

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Theme holds every style of the dashboard. All of them come from one
// renderer, so each viewer (a local terminal, an SSH session) gets colours
// its own terminal supports; lipgloss degrades the hex colours below to 256
// or 16 colours, and to none under NO_COLOR or the Ascii profile.
//
// The colours are mid-tones that read on dark and light backgrounds alike,
// so the terminal's background is never queried.
type Theme struct {
	r       *lipgloss.Renderer
	profile termenv.Profile

	Title, TitleFocused lipgloss.Style
	Dim, Label, Value   lipgloss.Style
	Warn, Note          lipgloss.Style

	Running, Paused, Finished, Stopped lipgloss.Style

	Axis, AxisLabel lipgloss.Style
	Raw             lipgloss.Style // unsmoothed per-step values
	Loss, Rec, KL   lipgloss.Style // EMA lines
	Grad            lipgloss.Style
	Train, Test     lipgloss.Style
	Marker, Clip    lipgloss.Style
	Bar             lipgloss.Style

	Progress string // progress bar fill colour
	Help     help.Styles
}

// Palette (hex; degraded by the renderer).
const (
	colAccent = "#3b82f6"
	colOrange = "#f97316"
	colGreen  = "#22c55e"
	colPurple = "#a855f7"
	colYellow = "#eab308"
	colRed    = "#ef4444"
	colGray   = "#808080"
	colSlate  = "#64748b"
)

// NewTheme builds the styles from r (never the global lipgloss renderer).
func NewTheme(r *lipgloss.Renderer) *Theme {
	fg := func(c string) lipgloss.Style { return r.NewStyle().Foreground(lipgloss.Color(c)) }
	t := &Theme{
		r: r, profile: r.ColorProfile(),
		Title:        r.NewStyle().Bold(true),
		TitleFocused: r.NewStyle().Bold(true).Reverse(true),
		Dim:          fg(colGray),
		Label:        fg(colSlate),
		Value:        r.NewStyle().Bold(true),
		Warn:         fg(colRed).Bold(true),
		Note:         fg(colYellow),
		Running:      fg(colGreen).Bold(true),
		Paused:       fg(colYellow).Bold(true),
		Finished:     fg(colAccent).Bold(true),
		Stopped:      fg(colRed).Bold(true),
		Axis:         fg(colSlate),
		AxisLabel:    fg(colGray),
		Raw:          fg(colSlate),
		Loss:         fg(colAccent),
		Rec:          fg(colOrange),
		KL:           fg(colGreen),
		Grad:         fg(colPurple),
		Train:        fg(colAccent),
		Test:         fg(colOrange),
		Marker:       fg(colYellow),
		Clip:         fg(colRed),
		Bar:          fg(colPurple),
		Progress:     colAccent,
	}
	key, desc, sep := fg(colAccent).Bold(true), fg(colGray), fg(colSlate)
	t.Help = help.Styles{
		Ellipsis: sep, ShortKey: key, ShortDesc: desc, ShortSeparator: sep,
		FullKey: key, FullDesc: desc, FullSeparator: sep,
	}
	return t
}

// Renderer is the renderer the styles come from, for styles made elsewhere.
func (t *Theme) Renderer() *lipgloss.Renderer { return t.r }

// Profile is the renderer's colour profile.
func (t *Theme) Profile() termenv.Profile { return t.profile }

// Colour reports whether the terminal shows colour at all.
func (t *Theme) Colour() bool { return t.profile != termenv.Ascii }

// PaneName draws a pane's name in its title: reversed when it has focus,
// and in brackets where there is no colour (NO_COLOR, TERM=dumb), which
// drops reverse video too.
func (t *Theme) PaneName(name string, focused bool) string {
	switch {
	case !focused:
		return t.Title.Render(" " + name + " ")
	case !t.Colour():
		return t.Title.Render("[" + name + "]")
	}
	return t.TitleFocused.Render(" " + name + " ")
}
