package tui

import (
	"sort"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// binding is one row of the key table: the keys, their help text, and the
// handler. The same table dispatches keys and draws both help views, so the
// help can never disagree with what the keys do.
type binding struct {
	key.Binding
	// do is a screen's handler; k is the key as tea names it ("B", "left").
	do func(k string) tea.Cmd
	// run steers a run instead: the focused one, or on the compare screen
	// every run after the prefix key (prefix: the key that says so).
	run    runAction
	short  int // place in the one-line help (1 first), 0 = full help only
	prefix bool
	// input, when set, asks for a line of text first (modal.go).
	input *inputSpec
}

type keyGroup struct {
	name     string
	bindings []*binding
}

// keyMap is the dashboard's key table; it implements help.KeyMap.
type keyMap struct {
	groups []keyGroup
	// bindings whose availability depends on the run
	save, digit, ascii *binding
}

func bind(keys []string, helpKey, desc string, short int, do func(string) tea.Cmd) *binding {
	return &binding{Binding: key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc)), do: do, short: short}
}

// bindRun is a binding that steers a run.
func bindRun(keys []string, helpKey, desc string, short int, run runAction) *binding {
	return &binding{Binding: key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc)), run: run, short: short}
}

func newKeyMap(m *dashScreen) *keyMap {
	k := &keyMap{}
	k.save = bindRun([]string{"c"}, "c", "save checkpoint", 0, m.steer.saveCheckpoint)
	k.digit = bindRun([]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, "0-9", "samples of one digit", 0, m.steer.sampleDigit)
	k.ascii = bind([]string{"a"}, "a", "digits: blocks/ascii", 0, m.toggleASCII)
	k.groups = []keyGroup{
		{"training", append(steerKeys(&m.steer, [3]int{1, 2, 3}),
			bindRun([]string{"R"}, "R", "roll back to last epoch", 0, m.steer.rollback),
			k.save)},
		{"digits", []*binding{
			bindRun([]string{"s"}, "s", "new samples", 4, m.steer.newSamples),
			bindRun([]string{"r"}, "r", "new test images", 7, m.steer.newRecon),
			bind([]string{","}, ",", "earlier reconstructions", 0, m.timelineBack),
			bind([]string{"."}, ".", "later reconstructions", 0, m.timelineForward),
			bind([]string{"end"}, "end", "live reconstructions", 0, m.timelineLive),
			k.digit,
			k.ascii,
		}},
		chartKeys(&m.chartPanel, 8),
		{"app", append([]*binding{
			bind([]string{"e"}, "e", "latent explorer", 10, m.openExplorer),
			bind([]string{"tab", "shift+tab"}, "tab", "next pane", 9, m.cycleFocus),
		}, appKeys(m.Model, 5, 6)...)},
	}
	return k
}

// steerKeys are the keys that steer a run on every screen that shows one:
// pause, β and the learning rate. short places space, B and b in the help
// line (0: not there).
func steerKeys(s *steering, short [3]int) []*binding {
	return []*binding{
		bindRun([]string{" "}, "space", "pause/run", short[0], s.togglePause),
		bindRun([]string{"B", "+"}, "B/+", "β up", short[1], s.betaUp),
		bindRun([]string{"b", "-"}, "b/-", "β down", short[2], s.betaDown),
		bindRun([]string{">"}, ">", "raise learning rate", 0, s.lrUp),
		bindRun([]string{"<"}, "<", "lower learning rate", 0, s.lrDown),
	}
}

// appKeys are every screen's last keys: the help overlay and leaving, with
// their places in the help line.
func appKeys(m *Model, helpShort, quitShort int) []*binding {
	if m.opts.Session { // leaving detaches this viewer; stopping asks first
		return []*binding{
			bind([]string{"?"}, "?", "all keys", helpShort, m.toggleHelp),
			bind([]string{"q"}, "q", "detach (the run goes on)", quitShort, m.quit),
			bind([]string{"ctrl+c"}, "ctrl+c", "detach", 0, m.quit),
			steersRun(bindInput([]string{"S"}, "S", "stop the run (asks first)", 0, "stop training and save? type yes and enter: ", m.stopRun)),
		}
	}
	return []*binding{
		bind([]string{"?"}, "?", "all keys", helpShort, m.toggleHelp),
		bind([]string{"q"}, "q", "quit", quitShort, m.quit),
		bind([]string{"ctrl+c"}, "ctrl+c", "interrupt (quit, exit 130)", 0, m.interrupt),
	}
}

// sync enables the keys that make sense for the run on screen, which also
// hides the others from the help.
func (k *keyMap) sync(m *Model) {
	// Saving stays bound without a checkpoint path, so that c can say why
	// it does nothing.
	if !m.cur.run.Info.Caps.Save {
		k.save.SetHelp("c", "save checkpoint (needs --checkpoint)")
	} else {
		k.save.SetHelp("c", "save checkpoint")
	}
	k.digit.SetEnabled(m.cur.run.Info.Conditional)
	k.ascii.SetEnabled(m.theme.Colour() && !m.opts.ASCII)
}

func (k *keyMap) helpGroups() []keyGroup   { return k.groups }
func (k *keyMap) shortHelp() []key.Binding { return k.ShortHelp() }

// lookup finds the binding for one key press.
func (k *keyMap) lookup(msg tea.KeyMsg) *binding {
	for _, g := range k.groups {
		for _, b := range g.bindings {
			if key.Matches(msg, b.Binding) {
				return b
			}
		}
	}
	return nil
}

// ShortHelp is the one-line help, most important first: bubbles/help
// drops the tail when the line is too narrow.
func (k *keyMap) ShortHelp() []key.Binding {
	lists := make([][]*binding, len(k.groups))
	for i, g := range k.groups {
		lists[i] = g.bindings
	}
	return shortHelpOf(lists...)
}

// shortHelpOf is the one-line help of a key table's bindings: those with a
// place in it (short > 0), in that order.
func shortHelpOf(lists ...[]*binding) []key.Binding {
	var short []*binding
	for _, l := range lists {
		for _, b := range l {
			if b.short > 0 {
				short = append(short, b)
			}
		}
	}
	sort.SliceStable(short, func(i, j int) bool { return short[i].short < short[j].short })
	out := make([]key.Binding, len(short))
	for i, b := range short {
		out[i] = b.Binding
	}
	return out
}

// chartKeys is the step charts' key group; logShort is l's place in the
// one-line help (0: none).
func chartKeys(c *chartPanel, logShort int) keyGroup {
	return keyGroup{"charts", []*binding{
		bind([]string{"l"}, "l", "log-Y", logShort, c.toggleLog),
		bind([]string{"]"}, "]", "smooth more", 0, c.root.smoothMore),
		bind([]string{"["}, "[", "smooth less", 0, c.root.smoothLess),
		bind([]string{"z"}, "z", "zoom in (steps)", 0, c.zoomIn),
		bind([]string{"Z"}, "Z", "zoom out", 0, c.zoomOut),
		bind([]string{"left", "right"}, "←/→", "pan zoomed steps", 0, c.pan),
	}}
}

// FullHelp is the help overlay, one column per group.
func (k *keyMap) FullHelp() [][]key.Binding {
	out := make([][]key.Binding, len(k.groups))
	for i, g := range k.groups {
		for _, b := range g.bindings {
			out[i] = append(out[i], b.Binding)
		}
	}
	return out
}

// splitKeys turns a key press into single keys: a fast terminal (or tmux
// send-keys) can deliver "bb" as one message, which no binding matches.
func splitKeys(msg tea.KeyMsg) []tea.KeyMsg {
	if msg.Type != tea.KeyRunes || len(msg.Runes) < 2 {
		return []tea.KeyMsg{msg}
	}
	out := make([]tea.KeyMsg, len(msg.Runes))
	for i, r := range msg.Runes {
		k := tea.Key{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
		if r == ' ' {
			k.Type = tea.KeySpace
		}
		out[i] = tea.KeyMsg(k)
	}
	return out
}
