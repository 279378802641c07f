package tui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// compareScreen is vaetop compare's screen: every run's per-step and
// per-epoch losses overlaid in one colour per run, a status line per run,
// and each run's reconstructions of the same test images with its samples.
// The dashboard's keys act on the focused run (the root's cur); * makes
// the next one act on every run.
type compareScreen struct {
	*Model
	chartPanel
	keys                  *keyMap
	focused               int
	allNext               bool // the next key acts on every run
	runStyles             []lipgloss.Style
	total, rec, kl, epoch *widget.Chart
	digits                compareDigits
}

func newCompareScreen(root *Model) *compareScreen {
	th := root.theme
	m := &compareScreen{Model: root, chartPanel: newChartPanel(root), runStyles: runStyles(th, len(root.runs))}
	m.keys = newCompareKeyMap(m)
	m.total, m.rec, m.kl = widget.NewChart(th, false), widget.NewChart(th, false), widget.NewChart(th, false)
	m.epoch = widget.NewChart(th, true)
	return m
}

func (m *compareScreen) keyTable() keyTable { return m.keys }

func (m *compareScreen) invalidate() { m.lim.invalidate() }

func (m *compareScreen) syncKeys() { m.keys.sync(m.Model) }

// update marks the charts stale when any run has new data: all are drawn.
func (m *compareScreen) update(msg tea.Msg) tea.Cmd {
	switch msg.(type) {
	case runUpdated:
		m.lim.dirty = true
	case redrawMsg:
		m.lim.pending = false
	}
	return nil
}

// handle applies a run action to the focused run, or to every run after
// the prefix key.
func (m *compareScreen) handle(b *binding, k string) tea.Cmd {
	if m.allNext && !b.prefix {
		m.allNext = false
		if b.run != nil {
			return m.onAllRuns(b, k)
		}
	}
	return m.handleDefault(b, k)
}

// runStyles are the runs' colours: the digit classes' ten, in order.
func runStyles(th *widget.Theme, n int) []lipgloss.Style {
	cs := classStyles(th)
	out := make([]lipgloss.Style, n)
	for i := range out {
		out[i] = cs[i%len(cs)]
	}
	return out
}

// nameOf is rs's name for people, made printable (a file's name may hold
// control characters).
func (m *Model) nameOf(rs *runState) string {
	for i, r := range m.runs {
		if r == rs {
			return printable(m.runName(i))
		}
	}
	return printable(rs.run.Info.Label)
}

// printable is s with control characters replaced by U+FFFD: text from
// files (names, paths, errors) never moves the cursor or sets colours.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// runName is run i's name for people.
func (m *Model) runName(i int) string {
	if l := m.runs[i].run.Info.Label; l != "" {
		return l
	}
	return fmt.Sprintf("run %d", i+1)
}

func newCompareKeyMap(m *compareScreen) *keyMap {
	k := &keyMap{}
	k.save = bindRun([]string{"c"}, "c", "save checkpoint", 0, m.steer.saveCheckpoint)
	k.digit = bindRun([]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, "0-9", "samples of one digit", 0, m.steer.sampleDigit)
	k.ascii = bind([]string{"a"}, "a", "digits: blocks/ascii", 0, m.toggleASCII)
	all := bind([]string{"*"}, "*", "next key: all runs", 5, m.allRunsNext)
	all.prefix = true
	focused := append(steerKeys(&m.steer, [3]int{1, 2, 3}),
		bindRun([]string{"R"}, "R", "roll back to last epoch", 0, m.steer.rollback),
		k.save,
		bindRun([]string{"s"}, "s", "new samples", 0, m.steer.newSamples),
		k.digit)
	k.groups = []keyGroup{
		{"focused run (* first: all)", focused},
		{"runs", []*binding{
			bind([]string{"n"}, "n", "focus next run", 4, m.focusNext),
			bind([]string{"p"}, "p", "focus previous run", 0, m.focusPrev),
			all,
			bind([]string{"r"}, "r", "new test images (all runs, the same)", 6, m.newReconAll),
			k.ascii,
		}},
		chartKeys(&m.chartPanel, 0),
		{"app", append([]*binding{
			bind([]string{"e"}, "e", "latent explorer (focused run)", 7, m.openExplorer),
		}, appKeys(m.Model, 8, 9)...)},
	}
	return k
}

// allRunsNext is *: the next key acts on every run (* again: it does not).
func (m *compareScreen) allRunsNext(string) tea.Cmd {
	m.allNext = !m.allNext
	if !m.allNext {
		m.setNote("next key: focused run")
	}
	return nil
}

// onAllRuns does b's run action on every run in turn, then says what came
// of it: once if every run said the same, else run by run.
func (m *compareScreen) onAllRuns(b *binding, k string) tea.Cmd {
	if k == " " {
		return m.pauseAll()
	}
	notes := make([]string, len(m.runs))
	same := true
	for i, rs := range m.runs {
		notes[i] = b.run(rs, k)
		same = same && notes[i] == notes[0]
	}
	m.syncKeys()
	switch {
	case same && notes[0] != "":
		m.setNote("all runs: " + notes[0])
	case same:
		m.setNote("all runs")
	default:
		parts := make([]string, 0, len(notes))
		for i, n := range notes {
			if n != "" {
				parts = append(parts, m.runName(i)+": "+n)
			}
		}
		m.setNote("all runs: " + strings.Join(parts, " · "))
	}
	return nil
}

// pauseAll is * space: every run paused if any is running, else every run
// running again (toggling each would leave a mixed state mixed).
func (m *compareScreen) pauseAll() tea.Cmd {
	anyRunning := false
	for _, rs := range m.runs {
		anyRunning = anyRunning || rs.haveSnap && rs.snap.State == live.Running
	}
	var c live.Command = live.Resume{}
	word := "running again"
	if anyRunning {
		c, word = live.Pause{}, "paused"
	}
	for _, rs := range m.runs {
		m.steer.send(rs, c)
	}
	m.setNote("all runs " + word)
	return nil
}

func (m *compareScreen) focusNext(string) tea.Cmd { m.setFocus(m.focused + 1); return nil }

func (m *compareScreen) focusPrev(string) tea.Cmd { m.setFocus(m.focused - 1); return nil }

// setFocus makes run i (modulo the count) the one the keys act on.
func (m *compareScreen) setFocus(i int) {
	n := len(m.runs)
	i = ((i % n) + n) % n
	if i != m.focused {
		m.focused, m.cur = i, m.runs[i]
		m.explorer.setRun(m.cur)
		m.syncKeys()
	}
	m.setNote("focus: " + m.runName(i))
	m.invalidate()
}

// newReconAll is r on the compare screen: one set of test images, chosen
// here, sent to every run, so that all reconstruct the same ones.
func (m *compareScreen) newReconAll(string) tea.Cmd {
	n, size := 0, 0
	for _, rs := range m.runs {
		if rs.snap.Recon != nil {
			n = max(n, rs.snap.Recon.N)
		}
		if t := rs.run.Info.TestSize; t > 0 && (size == 0 || t < size) {
			size = t
		}
	}
	if n == 0 {
		n = 16 // the trainers' default; each takes at most its own count
	}
	var idx []int
	if size > 0 {
		idx = make([]int, n)
		for i := range idx {
			idx[i] = rand.IntN(size)
		}
	}
	var failed []string
	for i, rs := range m.runs {
		if m.steer.send(rs, live.NewReconstructions{Indices: idx}) != "" {
			failed = append(failed, m.runName(i))
		}
	}
	switch {
	case len(failed) == len(m.runs):
		m.setNote("no run took new test images")
	case len(failed) > 0:
		m.setNote("new test images; not taken by " + strings.Join(failed, ", "))
	default:
		m.setNote("new test images for every run")
	}
	return nil
}
