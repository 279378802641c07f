package serve

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

type panicky struct{ where string }

func (p panicky) Init() tea.Cmd {
	return tea.Batch(func() tea.Msg { return nil }, func() tea.Msg {
		if p.where == "cmd" {
			panic("in a command")
		}
		return nil
	})
}

func (p panicky) Update(tea.Msg) (tea.Model, tea.Cmd) {
	if p.where == "update" {
		panic("in Update")
	}
	return p, nil
}

func (p panicky) View() string {
	if p.where == "view" {
		panic("in View")
	}
	return "ok"
}

// A panic in Update, View or a command (one of a batch) is recovered,
// handed over, and ends the session.
func TestGuardedRecovers(t *testing.T) {
	for _, where := range []string{"update", "view", "cmd"} {
		var got []any
		g := guarded{m: panicky{where}, onPanic: func(p any) { got = append(got, p) }}
		_, cmd := g.Update(nil)
		g.View()
		if batch, ok := g.Init()().(tea.BatchMsg); ok {
			for _, c := range batch {
				if msg := c(); where == "cmd" && msg != nil {
					if _, quit := msg.(tea.QuitMsg); !quit {
						t.Errorf("%s: %T after the panic, want quit", where, msg)
					}
				}
			}
		}
		if len(got) != 1 {
			t.Errorf("%s: %d panics handed over, want 1", where, len(got))
		}
		if where == "update" && cmd == nil {
			t.Error("update: no quit after the panic")
		}
	}
}
