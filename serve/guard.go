package serve

import (
	tea "github.com/charmbracelet/bubbletea"
)

// guarded keeps a session's panics inside the session: its Update, View
// and every command it returns (batches included) recover, hand the panic
// to onPanic (the server logs it to stderr with the session's user and
// key) and end the session. The program runs without bubbletea's own
// recovery, which prints to the process's stdout: the epoch-line log.
type guarded struct {
	m       tea.Model
	onPanic func(any)
}

func (g guarded) Init() tea.Cmd { return g.wrap(g.m.Init()) }

func (g guarded) Update(msg tea.Msg) (model tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.onPanic(r)
			model, cmd = g, tea.Quit
		}
	}()
	m, c := g.m.Update(msg)
	g.m = m
	return g, g.wrap(c)
}

func (g guarded) View() (v string) {
	defer func() {
		if r := recover(); r != nil {
			g.onPanic(r)
			v = ""
		}
	}()
	return g.m.View()
}

// wrap makes cmd, and the commands of a batch it returns, recover.
func (g guarded) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				g.onPanic(r)
				msg = tea.Quit()
			}
		}()
		msg = cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for i := range batch {
				batch[i] = g.wrap(batch[i])
			}
		}
		return msg
	}
}
