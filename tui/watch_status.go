package tui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// maxFileRows bounds the status rows given to files; more files are
// counted on the last one.
const maxFileRows = 4

// headerRows is the header's height: the title line and the files'.
func (m *watchScreen) headerRows() int { return 1 + min(len(m.shown), maxFileRows) }

// statusView is the header: a line about the screen, then a line per
// file with its colours, format, last growth, lines and latest loss.
func (m *watchScreen) statusView(now time.Time) string {
	rows := []string{m.titleLine()}
	for i, rs := range m.shown {
		if i == maxFileRows-1 && len(m.shown) > maxFileRows {
			rows = append(rows, m.legendLine(m.shown[i:]))
			break
		}
		rows = append(rows, m.fileLine(rs, now))
	}
	for i := range rows {
		rows[i] = widget.Fit(rows[i], m.lay.w)
	}
	return strings.Join(rows, "\n")
}

// legendLine names the files that get no line of their own, in their
// colours, with ⚠ on those that need a look (an error, skipped lines, a
// stall, a divergence).
func (m *watchScreen) legendLine(rest []*runState) string {
	var b strings.Builder
	b.WriteString(" ")
	for _, rs := range rest {
		for _, tr := range m.traces {
			if tr.rs == rs {
				b.WriteString(tr.style.Render("●") + " " + shortMiddle(tr.label, 24) + " ")
			}
		}
		if f := fileOf(rs); f.Err != "" || f.Skipped > 0 || f.Health == live.HealthStalled || f.Diverging != "" {
			b.WriteString(m.theme.Warn.Render("⚠") + " ")
		}
	}
	return b.String()
}

// shortMiddle cuts s to at most n cells by taking out its middle, so that
// a long path keeps its start and its file name.
func shortMiddle(s string, n int) string {
	r := []rune(s)
	if len(r) <= n || n < 5 {
		return s
	}
	head := (n - 1) / 2
	return string(r[:head]) + "…" + string(r[len(r)-(n-1-head):])
}

// titleLine says what the grid shows: the series count, smoothing,
// filter, pairing, page, and the note of the moment.
func (m *watchScreen) titleLine() string {
	th := m.theme
	parts := []string{th.Title.Render(" vaetop watch"), plural(len(m.specs), "chart")}
	if t := m.smoothTag(); t != "" {
		parts = append(parts, t)
	}
	if m.filter.text != "" {
		parts = append(parts, "filter /"+m.filter.text+"/")
	}
	if m.paired {
		parts = append(parts, "train+eval paired")
	}
	if m.win.Span > 0 {
		parts = append(parts, windowLabel(m.win))
	}
	if m.grid.pages > 1 {
		parts = append(parts, fmt.Sprintf("page %d/%d", m.page+1, m.grid.pages))
	}
	if m.opts.Viewers != nil {
		parts = append(parts, fmt.Sprintf("SSH viewers %d", m.opts.Viewers()))
	}
	line := strings.Join(parts, " · ")
	if m.note != "" {
		line += "  " + th.Note.Render(m.note)
	}
	return line
}

// fileLine is one followed file's status.
func (m *watchScreen) fileLine(rs *runState, now time.Time) string {
	th := m.theme
	var b strings.Builder
	b.WriteString(" ")
	for _, tr := range m.traces {
		if tr.rs == rs {
			b.WriteString(tr.style.Render("●") + " " + shortMiddle(tr.label, max(16, m.lay.w/3)) + " ")
		}
	}
	f := rs.snap.File
	switch {
	case f == nil:
		b.WriteString(th.Dim.Render("starting…"))
		return b.String()
	case f.Err != "":
		b.WriteString(th.Warn.Render(printable(f.Err)))
		return b.String()
	case f.Deleted:
		b.WriteString(th.Warn.Render(fmt.Sprintf("%s is gone (deleted or moved): showing the %s read", printable(filepath.Base(f.Path)), plural(int(f.Lines), "line"))))
		return b.String()
	case !f.Exists:
		b.WriteString(th.Note.Render("waiting for " + printable(filepath.Base(f.Path)) + " to appear"))
		return b.String()
	}
	b.WriteString(strings.Join(m.fileFields(rs, f, now), "  "))
	if f.Note != "" {
		b.WriteString("  " + th.Warn.Render("⚠ "+printable(f.Note)))
	}
	return b.String()
}

// fileFields are a file's figures: format, checkpoint, age, health,
// lines, skipped, latest loss.
func (m *watchScreen) fileFields(rs *runState, f *live.FileStatus, now time.Time) []string {
	th := m.theme
	fields := []string{th.Dim.Render(f.Format)}
	if f.Format == "hf trainer" { // which checkpoint it reads now
		fields = append(fields, th.Dim.Render(stateFileName(f.Path)))
	}
	fields = append(fields, "updated "+ago(now.Sub(f.Updated)))
	switch f.Health {
	case live.HealthStalled:
		fields = append(fields, th.Warn.Render("stalled"))
	case live.HealthIdle, live.HealthFinished:
		fields = append(fields, th.Dim.Render(f.Health))
	}
	if f.Diverging != "" {
		fields = append(fields, th.Warn.Render("⚠ diverging ("+f.Diverging+")"))
	}
	fields = append(fields, plural(int(f.Lines), "line"))
	if f.Skipped > 0 {
		fields = append(fields, th.Warn.Render(fmt.Sprintf("%d skipped", f.Skipped)))
	}
	if name, v, ok := latestLoss(rs); ok {
		fields = append(fields, name+" "+th.Value.Render(widget.FmtNum(v)))
	}
	if rs.closed {
		fields = append(fields, th.Dim.Render("stopped"))
	}
	return fields
}

// latestLoss is the newest value of the run's loss (NaN or ±Inf when the
// last one was: never hidden), by VAE place: loss, else test loss, else
// the run's first series.
func latestLoss(rs *runState) (string, float64, bool) {
	best, bestSlot := (*seriesEntry)(nil), 99
	for _, e := range rs.series.entries {
		s := slotOf(e.name)
		if (s == live.LossSlot || s == live.TestLossSlot) && s < bestSlot {
			best, bestSlot = e, s
		}
	}
	if best == nil && len(rs.series.entries) > 0 {
		best = rs.series.entries[0]
	}
	if best == nil || best.buf.Len() == 0 {
		return "", 0, false
	}
	return best.name, best.buf.Y[best.buf.Len()-1], true
}

// ago says how long ago something was, for people.
func ago(d time.Duration) string {
	switch {
	case d < 0:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%d s ago", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	}
	return fmt.Sprintf("%d days ago", int(d.Hours()/24))
}

// plural is "1 line", "2 lines".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return widget.FmtCount(float64(n)) + " " + word + "s"
}

// stateFileName names the trainer_state.json a Hugging Face run reads:
// its checkpoint-N, or the file itself at the run's top.
func stateFileName(path string) string {
	dir := filepath.Base(filepath.Dir(path))
	if strings.HasPrefix(dir, "checkpoint-") {
		return printable(dir)
	}
	return filepath.Base(path)
}
