package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// filterScreen is a screen made for the test, as watch's run list will
// be: a body that shows its filter, and / to type one.
type filterScreen struct {
	root   *Model
	keys   *keyMap
	filter string
	asked  int
}

func newFilterScreen(root *Model) *filterScreen {
	s := &filterScreen{root: root, keys: &keyMap{}}
	s.keys.groups = []keyGroup{{"list", append([]*binding{
		bindInput([]string{"/"}, "/", "filter", 1, "filter: ", func(text string) tea.Cmd {
			s.filter, s.asked = text, s.asked+1
			return nil
		}),
	}, appKeys(root, 2, 3)...)}}
	return s
}

func (s *filterScreen) keyTable() keyTable                  { return s.keys }
func (s *filterScreen) handle(b *binding, k string) tea.Cmd { return s.root.handleDefault(b, k) }
func (s *filterScreen) update(tea.Msg) tea.Cmd              { return nil }
func (s *filterScreen) invalidate()                         {}
func (s *filterScreen) syncKeys()                           {}
func (s *filterScreen) refresh(time.Time) tea.Cmd {
	l := s.root.lay
	s.root.header = "runs"
	s.root.body = strings.Join(blankBody(l.w, l.body, "filter: "+s.filter), "\n")
	s.root.helpLine = " " + s.root.help.ShortHelpView(s.keys.ShortHelp())
	return nil
}

func blankBody(w, h int, first string) []string {
	out := make([]string, h)
	out[0] = first
	return out
}

// A binding with an input takes a line of text: every key goes to the
// input while it is open (q types a q), enter hands the text over, esc
// cancels, and the help line comes back.
func TestModalInputTakesEveryKey(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	s := newFilterScreen(m)
	m.push(s)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	press(m, "/")
	if !strings.Contains(frameText(m), "filter: ") || m.modal == nil {
		t.Fatalf("/ opened no input:\n%s", frameText(m))
	}
	press(m, "l", "o", "q", "enter")
	if m.quitting || s.asked != 1 || s.filter != "loq" || m.modal != nil {
		t.Fatalf("quitting %v, asked %d, filter %q", m.quitting, s.asked, s.filter)
	}
	if !strings.Contains(frameText(m), "filter: loq") || !strings.Contains(frameText(m), "/ filter") {
		t.Errorf("after enter:\n%s", frameText(m))
	}
	press(m, "/", "x", "esc")
	if s.asked != 1 || s.filter != "loq" || m.modal != nil {
		t.Errorf("esc submitted: asked %d, filter %q", s.asked, s.filter)
	}
	press(m, "q")
	if !m.quitting {
		t.Error("q after the input did not quit")
	}
}
