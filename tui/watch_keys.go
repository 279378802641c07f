package tui

import (
	"fmt"
	"math"
	"slices"

	tea "github.com/charmbracelet/bubbletea"
)

func newWatchKeyMap(m *watchScreen) *keyMap {
	k := &keyMap{}
	k.groups = []keyGroup{
		{"series", []*binding{
			bindInput([]string{"/"}, "/", "filter series (substring or regexp)", 1, "filter series: ", m.setFilter),
			bind([]string{"v"}, "v", "pair train and eval series", 2, m.togglePaired),
			bind([]string{"pgdown", "J"}, "pgdn/J", "next page of charts", 0, m.nextPage),
			bind([]string{"pgup", "K"}, "pgup/K", "previous page", 0, m.prevPage),
			bind([]string{"tab", "shift+tab"}, "tab", "focus next chart", 3, m.cycleChart),
		}},
		{"charts", []*binding{
			bind([]string{"l"}, "l", "log-Y (focused chart)", 4, m.toggleLog),
			bind([]string{"]"}, "]", "smooth more", 0, m.smoothMore),
			bind([]string{"["}, "[", "smooth less", 0, m.smoothLess),
			bind([]string{"z"}, "z", "zoom in (steps, every chart)", 0, m.zoomIn),
			bind([]string{"Z"}, "Z", "zoom out", 0, m.zoomOut),
			bind([]string{"left", "right"}, "←/→", "pan zoomed steps", 0, m.pan),
		}},
		{"app", appKeys(m.Model, 5, 6)},
	}
	if m.opts.Catalog != nil { // vaetop watch DIR: the run list is under this screen
		back := bind([]string{"esc", "L"}, "esc/L", "the run list", 1, m.backToList)
		k.groups[2].bindings = append([]*binding{back}, k.groups[2].bindings...)
	}
	return k
}

func (m *watchScreen) backToList(string) tea.Cmd {
	m.pop()
	return nil
}

func (m *watchScreen) setFilter(text string) tea.Cmd {
	m.filter = newSeriesFilter(text)
	m.page, m.focus = 0, 0
	m.replan()
	return nil
}

func (m *watchScreen) togglePaired(string) tea.Cmd {
	m.paired = !m.paired
	if m.paired {
		m.setNote("train and eval series paired (dashed: eval)")
	} else {
		m.setNote("a chart per series")
	}
	m.replan()
	return nil
}

func (m *watchScreen) nextPage(string) tea.Cmd { return m.turnPage(1) }

func (m *watchScreen) prevPage(string) tea.Cmd { return m.turnPage(-1) }

func (m *watchScreen) turnPage(dir int) tea.Cmd {
	m.page = clamp(m.page+dir, 0, max(0, m.grid.pages-1))
	m.focus = 0
	m.lim.invalidate()
	return nil
}

// cycleChart moves the focus to the next chart, over the page's end onto
// the next page.
func (m *watchScreen) cycleChart(k string) tea.Cmd {
	if len(m.specs) == 0 {
		return nil
	}
	i := m.page*m.grid.perPage() + m.focus
	if k == "shift+tab" {
		i += len(m.specs) - 1
	} else {
		i++
	}
	i %= len(m.specs)
	m.page, m.focus = i/m.grid.perPage(), i%m.grid.perPage()
	m.lim.invalidate()
	return nil
}

// focused is the focused chart's lead series ("" without charts).
func (m *watchScreen) focused() string {
	i := m.page*m.grid.perPage() + m.focus
	if i < 0 || i >= len(m.specs) {
		return ""
	}
	return m.specs[i].lead
}

func (m *watchScreen) toggleLog(string) tea.Cmd {
	name := m.focused()
	if name == "" {
		return nil
	}
	if !m.logY[name] && !m.anyPositive(name) {
		m.setNote("log-Y: " + name + " has no value above 0 to draw")
		m.lim.invalidate()
		return nil
	}
	m.logY[name] = !m.logY[name]
	state := map[bool]string{true: "on", false: "off"}[m.logY[name]]
	m.setNote(fmt.Sprintf("log-Y %s (%s)", state, name))
	m.lim.invalidate()
	return nil
}

// stepSpan is the steps every series spans together.
func (m *watchScreen) stepSpan() (lo, hi float64, ok bool) {
	for _, rs := range m.shown {
		for _, e := range rs.series.entries {
			if n := e.buf.Len(); n > 0 {
				if !ok || e.buf.X[0] < lo {
					lo = e.buf.X[0]
				}
				if !ok || e.buf.X[n-1] > hi {
					hi = e.buf.X[n-1]
				}
				ok = true
			}
		}
	}
	return lo, hi, ok
}

func (m *watchScreen) zoom(in bool) {
	lo, hi, ok := m.stepSpan()
	if !ok {
		return
	}
	m.win = m.win.Zoom(in, lo, hi)
	m.setNote("steps: " + windowLabel(m.win))
	m.lim.invalidate()
}

func (m *watchScreen) zoomIn(string) tea.Cmd { m.zoom(true); return nil }

func (m *watchScreen) zoomOut(string) tea.Cmd { m.zoom(false); return nil }

func (m *watchScreen) pan(k string) tea.Cmd {
	lo, hi, ok := m.stepSpan()
	if !ok {
		return nil
	}
	dir := 1
	if k == "left" {
		dir = -1
	}
	m.win = m.win.Pan(dir, lo, hi)
	m.lim.invalidate()
	return nil
}

// anyPositive reports whether any run's series name (or its partner)
// holds a finite value above 0, which a log scale can draw.
func (m *watchScreen) anyPositive(name string) bool {
	names := []string{name}
	for _, sp := range m.specs {
		if sp.lead == name && sp.partner != "" {
			names = append(names, sp.partner)
		}
	}
	for _, rs := range m.shown {
		for _, e := range rs.series.entries {
			if !slices.Contains(names, e.name) {
				continue
			}
			for _, v := range e.buf.Y {
				if v > 0 && !math.IsInf(v, 1) {
					return true
				}
			}
		}
	}
	return false
}
