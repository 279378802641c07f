package tui

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/tui/widget"
)

// Modal text input in a key table: a binding made with bindInput asks for
// a line of text before it acts (a filter, a confirmation). Its key opens
// a one-line input in place of the help line; while it is open every key
// goes to it, enter hands the text to the binding and esc cancels.

// inputSpec is what a binding asks for, and what it does with the answer.
type inputSpec struct {
	prompt string
	submit func(text string) tea.Cmd
	steers bool // it would steer the run: a watch-only run says so at once
}

// steersRun marks an input binding as one that steers the run.
func steersRun(b *binding) *binding {
	b.input.steers = true
	return b
}

// bindInput is a binding that asks for a line of text first.
func bindInput(keys []string, helpKey, desc string, short int, prompt string, submit func(string) tea.Cmd) *binding {
	b := bind(keys, helpKey, desc, short, nil)
	b.input = &inputSpec{prompt: prompt, submit: submit}
	return b
}

// modalInput is an open input: the field and the binding's spec.
type modalInput struct {
	spec  *inputSpec
	field textinput.Model
}

// openInput shows b's input; a watch-only run is told so instead.
func (m *Model) openInput(b *binding) tea.Cmd {
	if b.input.steers && m.cur.run.Ctl == nil {
		m.setNote("this run is watch-only")
		return nil
	}
	f := textinput.New()
	f.Prompt = b.input.prompt
	f.Cursor.SetMode(cursor.CursorStatic) // no blink ticks: the frame changes only on keys
	f.CharLimit = 200
	m.modal = &modalInput{spec: b.input, field: f}
	return m.modal.field.Focus()
}

// inputKey gives a key to the open input: enter submits, esc cancels.
func (m *Model) inputKey(k tea.KeyMsg) tea.Cmd {
	in := m.modal
	switch k.Type {
	case tea.KeyEnter:
		m.modal = nil
		return in.spec.submit(in.field.Value())
	case tea.KeyEsc, tea.KeyCtrlC:
		m.modal = nil
		return nil
	}
	var cmd tea.Cmd
	in.field, cmd = in.field.Update(k)
	return cmd
}

// inputLine is the open input, drawn where the help line goes.
func (m *Model) inputLine() string {
	return widget.Fit(" "+m.modal.field.View(), m.lay.w)
}
