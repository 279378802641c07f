package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// The run list's fixed column widths (the name takes the rest).
const (
	listMarkW   = 4 // cursor and pick mark
	listFormatW = 11
	listStateW  = 17
	listNumW    = 9
)

// listTitle is the header: how many runs, how many in each state, the
// sort, the filter and the picks.
func (m *runList) listTitle() string {
	th := m.theme
	counts := map[string]int{}
	diverging := 0
	for _, rs := range m.runs {
		counts[stateText(rs)]++
		if fileOf(rs).Diverging != "" {
			diverging++
		}
	}
	parts := []string{th.Title.Render(" vaetop watch"), plural(len(m.runs), "run")}
	for _, s := range []string{"live", "stalled", "idle", "finished", "waiting", "deleted", "error"} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	if diverging > 0 {
		parts = append(parts, th.Warn.Render(fmt.Sprintf("%d diverging", diverging)))
	}
	order := "↑"
	if m.desc {
		order = "↓"
	}
	parts = append(parts, "sorted by "+columnNames[m.sortBy]+" "+order)
	if m.filter.text != "" {
		parts = append(parts, "filter /"+m.filter.text+"/")
	}
	parts = append(parts, fmt.Sprintf("picked %d/%d", len(m.picked), maxPicked))
	if m.opts.Viewers != nil {
		parts = append(parts, fmt.Sprintf("SSH viewers %d", m.opts.Viewers()))
	}
	line := strings.Join(parts, " · ")
	if m.note != "" {
		line += "  " + th.Note.Render(m.note)
	}
	return widget.Fit(line, m.lay.w)
}

// listView is the column header and the rows that fit, scrolled to keep
// the cursor in view.
func (m *runList) listView(now time.Time) string {
	rows := m.lay.h - 2 // the title above, the help line below
	lines := []string{m.columnHeader()}
	visible := rows - 1
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+visible {
		m.top = m.cursor - visible + 1
	}
	m.top = clamp(m.top, 0, max(0, len(m.rows)-visible))
	for i := m.top; i < len(m.rows) && len(lines) < rows; i++ {
		lines = append(lines, m.rowLine(m.rows[i], i == m.cursor))
	}
	if len(m.rows) == 0 {
		lines = append(lines, "", widget.Center(m.emptyListText(), m.lay.w))
	}
	return strings.Join(widget.FitLines(lines, m.lay.w, rows), "\n")
}

func (m *runList) emptyListText() string {
	if m.filter.text != "" {
		return "no run matches /" + m.filter.text + "/ · / changes the filter"
	}
	if w, ok := m.opts.Catalog.(live.WaitingCatalog); ok {
		if missing := w.Waiting(); len(missing) > 0 {
			return "no runs yet: waiting for " + printable(strings.Join(missing, ", ")) + " to appear (no such directory yet)…"
		}
	}
	return "no runs yet: waiting for metrics files (*.jsonl, *.ndjson, *.csv), Lightning's version_N or Hugging Face checkpoints…"
}

// nameW is the name column's width.
func (m *runList) nameW() int {
	return max(12, m.lay.w-listMarkW-listFormatW-listStateW-3*listNumW)
}

// columnHeader names the columns, the sorted one marked.
func (m *runList) columnHeader() string {
	cells := make([]string, numColumns)
	for c := range numColumns {
		name := columnNames[c]
		if c == m.sortBy {
			name += map[bool]string{false: " ↑", true: " ↓"}[m.desc]
		}
		cells[c] = name
	}
	line := strings.Repeat(" ", listMarkW) + cell(cells[colName], m.nameW()) + cell(cells[colFormat], listFormatW) +
		cell(cells[colState], listStateW) + rcell(cells[colStep], listNumW) + rcell(cells[colLoss], listNumW) + rcell(cells[colBest], listNumW)
	return m.theme.Label.Render(widget.Fit(line, m.lay.w))
}

// rowLine is one run: cursor, pick mark in the run's overlay colour,
// name, format, state (and a divergence flag), last step, losses.
func (m *runList) rowLine(rs *runState, atCursor bool) string {
	th := m.theme
	f := fileOf(rs)
	mark := "  ○ "
	if i := m.pickedIndex(rs); i >= 0 {
		mark = "  " + runStyles(th, maxPicked)[i].Render("●") + " "
	}
	if atCursor {
		mark = "▸" + mark[1:]
	}
	name := cell(shortMiddle(m.nameOf(rs), m.nameW()-1), m.nameW())
	if atCursor {
		name = th.TitleFocused.Render(name)
	}
	step, loss, best := "", "", ""
	if f.LastStep != 0 || f.Lines > 0 {
		step = widget.FmtCount(f.LastStep)
	}
	if f.HaveLoss {
		loss, best = widget.FmtNum(f.Loss), widget.FmtNum(f.BestLoss)
	}
	return mark + name + cell(f.Format, listFormatW) + m.stateCell(rs) +
		rcell(step, listNumW) + rcell(loss, listNumW) + rcell(best, listNumW)
}

// stateCell is the state, coloured, with ⚠ diverging after it.
func (m *runList) stateCell(rs *runState) string {
	th := m.theme
	s := stateText(rs)
	var st lipgloss.Style
	switch s {
	case "live":
		st = th.Running
	case "stalled", "error", "deleted":
		st = th.Warn
	default:
		st = th.Dim
	}
	text := st.Render(s)
	w := len([]rune(s))
	if d := fileOf(rs).Diverging; d != "" {
		text += " " + th.Warn.Render("⚠ diverging")
		w += len([]rune(" ⚠ diverging"))
	}
	return text + strings.Repeat(" ", max(1, listStateW-w))
}

// cell pads or cuts s to w cells, left-aligned with a space after.
func cell(s string, w int) string { return widget.Fit(s, w-1) + " " }

// rcell right-aligns s in w cells.
func rcell(s string, w int) string { return widget.PadLeft(s, w-1) + " " }

// fitHelp is a screen's help line.
func fitHelp(m *Model, k *keyMap) string {
	return widget.Fit(" "+m.help.ShortHelpView(k.ShortHelp()), m.lay.w)
}
