package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// exploreKeys is the explorer's key table, built of the dashboard's
// binding type: a group of keys for each pane, tried first when that pane
// has focus, and groups common to all panes. The same table dispatches the
// keys and draws the help line (the focused pane's keys first) and the help
// overlay (every group).
type exploreKeys struct {
	focus  *exPane // the focused pane, whose keys come first
	panes  [numExPanes]keyGroup
	common []keyGroup
	// bindings whose availability depends on the run or the options
	back, class *binding
}

func newExploreKeys(x *explorerScreen) *exploreKeys {
	k := &exploreKeys{focus: &x.ex.focus}
	k.back = bind([]string{"e", "esc"}, "e/esc", "dashboard", 5, x.closeExplorer)
	k.class = bind([]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, "0-9", "class of the decodes (again: own label)", 6, x.exClass)
	k.panes[travPane] = keyGroup{"traversal", []*binding{
		bind([]string{"up", "down"}, "↑/↓", "dimension", 1, x.exTravDim),
		bind([]string{"left", "right"}, "←/→", "its value, −3…3 by 0.25", 2, x.exTravValue),
		bind([]string{"z"}, "z", "start at z = 0 / a digit", 7, x.exTravZero),
		bind([]string{"n", "N"}, "n/N", "test digit", 8, x.exTravDigit),
	}}
	k.panes[interpPane] = keyGroup{"interpolation", []*binding{
		bind([]string{"up", "down"}, "↑/↓", "end A/B", 1, x.exInterpEnd),
		bind([]string{"left", "right"}, "←/→", "its test digit", 2, x.exInterpDigit),
		bind([]string{"c"}, "c", "its next digit class", 7, x.exInterpClass),
		bind([]string{"m"}, "m", "linear/spherical", 8, x.exInterpMode),
		bind([]string{"[", "]"}, "[/]", "fewer/more steps", 9, x.exInterpSteps),
	}}
	k.panes[mapPane] = keyGroup{"map", []*binding{
		bind([]string{"up", "down", "left", "right"}, "←↑↓→", "move the cursor", 1, x.exMapMove),
	}}
	k.panes[collapsePane] = keyGroup{"collapse", nil}
	k.common = []keyGroup{
		{"training", steerKeys(&x.root.steer, [3]int{9, 0, 0})},
		{"explorer", append([]*binding{
			bind([]string{"tab", "shift+tab"}, "tab/⇧tab", "pane", 3, x.exFocus),
			k.class,
			k.back,
		}, appKeys(x.root, 4, 10)...)},
	}
	return k
}

// lookup finds the binding for one key press: the focused pane's first.
func (k *exploreKeys) lookup(msg tea.KeyMsg) *binding {
	for _, b := range k.panes[*k.focus].bindings {
		if key.Matches(msg, b.Binding) {
			return b
		}
	}
	for _, g := range k.common {
		for _, b := range g.bindings {
			if key.Matches(msg, b.Binding) {
				return b
			}
		}
	}
	return nil
}

// groups are every group, for the help overlay: training, the panes', then
// the explorer's own.
func (k *exploreKeys) helpGroups() []keyGroup {
	out := []keyGroup{k.common[0]}
	out = append(out, k.panes[:]...)
	return append(out, k.common[1:]...)
}

// shortHelp is the help line: the focused pane's keys and the
// common ones merged by rank (the pane's two main keys first), so that a
// narrow line keeps the most useful.
func (k *exploreKeys) shortHelp() []key.Binding {
	lists := [][]*binding{k.panes[*k.focus].bindings}
	for _, g := range k.common {
		lists = append(lists, g.bindings)
	}
	return shortHelpOf(lists...)
}

// The explorer's handlers. Each changes the state and asks for the pane's
// decode (exWant), which is issued at once unless one is in flight.

func (x *explorerScreen) exFocus(k string) tea.Cmd {
	step := exPane(1)
	if k == "shift+tab" {
		step = numExPanes - 1
	}
	x.ex.focus = (x.ex.focus + step) % numExPanes
	x.ex.dirtyAll() // titles show the focus
	return nil
}

// exClass fixes the class of every conditional decode; the digit in use
// again gives each decode back its own label, the default.
func (x *explorerScreen) exClass(k string) tea.Cmd {
	e := &x.ex
	c := int(k[0] - '0')
	if e.fixedClass && e.class == c {
		e.fixedClass = false
		x.root.setNote("decoding each with its own label")
	} else {
		e.fixedClass, e.class = true, c
		x.root.setNote(fmt.Sprintf("decoding digit %d (%d again: own labels)", c, c))
	}
	return tea.Batch(x.exWant(travPane), x.exWant(interpPane), x.exWant(mapPane))
}

// exReady says whether the panes have data to act on.
func (x *explorerScreen) exReady() bool { return x.ex.lat != nil }

func (x *explorerScreen) exTravDim(k string) tea.Cmd {
	e := &x.ex
	if !x.exReady() {
		return nil
	}
	d := e.dim + 1
	if k == "up" {
		d = e.dim - 1
	}
	e.dim = (d + e.lat.Dim) % e.lat.Dim
	e.value = float64(e.travBase()[e.dim])
	return x.exWant(travPane)
}

func (x *explorerScreen) exTravValue(k string) tea.Cmd {
	if !x.exReady() {
		return nil
	}
	dir := 1
	if k == "left" {
		dir = -1
	}
	x.ex.value = snapValue(x.ex.value, dir)
	return x.exWant(travPane)
}

func (x *explorerScreen) exTravZero(string) tea.Cmd {
	e := &x.ex
	if !x.exReady() {
		return nil
	}
	e.fromZero = !e.fromZero
	e.value = float64(e.travBase()[e.dim])
	return x.exWant(travPane)
}

func (x *explorerScreen) exTravDigit(k string) tea.Cmd {
	e := &x.ex
	if !x.exReady() {
		return nil
	}
	step := 1
	if k == "N" {
		step = e.lat.N - 1
	}
	e.digit = (e.digit + step) % e.lat.N
	e.fromZero = false
	e.value = float64(e.travBase()[e.dim])
	return x.exWant(travPane)
}

func (x *explorerScreen) exInterpEnd(string) tea.Cmd {
	x.ex.end = 1 - x.ex.end
	x.ex.dirty[interpPane] = true
	return nil
}

func (x *explorerScreen) exInterpDigit(k string) tea.Cmd {
	e := &x.ex
	if !x.exReady() {
		return nil
	}
	step := 1
	if k == "left" {
		step = e.lat.N - 1
	}
	e.ends[e.end] = (e.ends[e.end] + step) % e.lat.N
	return x.exWant(interpPane)
}

func (x *explorerScreen) exInterpClass(string) tea.Cmd {
	e := &x.ex
	if !x.exReady() {
		return nil
	}
	i := e.ends[e.end]
	e.ends[e.end] = e.nextOfClass(i, (int(e.label(i))+1)%10)
	return x.exWant(interpPane)
}

func (x *explorerScreen) exInterpMode(string) tea.Cmd {
	x.ex.spherical = !x.ex.spherical
	if x.ex.spherical {
		x.root.setNote("spherical path (slerp)")
	} else {
		x.root.setNote("linear path (lerp)")
	}
	return x.exWant(interpPane)
}

// exInterpSteps sets the path's length, ends included, from what is shown
// now; ] past what fits leaves it at what fits, with a note.
func (x *explorerScreen) exInterpSteps(k string) tea.Cmd {
	e := &x.ex
	cur := x.exInterpPlan()
	if !cur.ok {
		return nil
	}
	n := cur.n - 1
	if k == "]" {
		n = cur.n + 1
	}
	n = clamp(n, minInterpSteps, maxInterpSteps)
	if n == cur.n {
		if k == "]" {
			x.root.setNote(fmt.Sprintf("%d steps is the most that fits", n))
		} else {
			x.root.setNote(fmt.Sprintf("%d steps is the fewest", n))
		}
		return nil
	}
	prev := e.steps
	e.steps = n
	if next := x.exInterpPlan(); next.n == cur.n {
		e.steps = prev // no room for another step at any digit size
		x.root.setNote(fmt.Sprintf("%d steps is the most that fits", cur.n))
		return nil
	}
	x.root.setNote(fmt.Sprintf("interpolation in %d steps", n))
	return x.exWant(interpPane)
}

func (x *explorerScreen) exMapMove(k string) tea.Cmd {
	e := &x.ex
	if e.mp == nil || !e.haveCursor {
		return nil
	}
	c, r := e.col, e.row
	switch k {
	case "left":
		c--
	case "right":
		c++
	case "up":
		r--
	case "down":
		r++
	}
	c, r = clamp(c, 0, e.frameW-1), clamp(r, 0, e.frameH-1)
	if c == e.col && r == e.row {
		return nil
	}
	e.col, e.row, e.scatterDone = c, r, false
	return x.exWant(mapPane)
}
