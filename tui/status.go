package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// statusView is the header: run state and figures, progress, last epoch,
// and the message: on the progress row when it fits, else on rows of its
// own below. It changes with every snapshot, so it sits on rows of its own
// and the terminal only repaints those rows for it.
func (m *Model) statusView() string {
	w, th := m.lay.w, m.theme
	if !m.cur.haveSnap {
		return strings.Join(widget.FitLines([]string{th.Title.Render(" vaetop") + th.Dim.Render(" │ ") + th.Dim.Render("waiting for the trainer…")}, w, m.lay.header), "\n")
	}
	parts := m.messageParts()
	if m.lay.msgRows == 0 {
		return strings.Join(widget.FitLines(m.statusRows(m.inlineMessage(parts)), w, m.lay.header), "\n")
	}
	rows := append(m.statusRows(""), m.messageLines(parts, w)...)
	return strings.Join(widget.FitLines(rows, w, m.lay.header), "\n")
}

// statusRows are the status lines with msg at the end of the progress row.
func (m *Model) statusRows(msg string) []string {
	w, th := m.lay.w, m.theme
	sep := th.Dim.Render(" │ ")
	s, info := m.cur.snap, m.cur.run.Info
	f := m.figures(m.cur, " → ")
	epochFrac, runFrac := m.progress()
	stepsDone := s.StepInEpoch
	if epochFrac == 1 {
		stepsDone = s.StepsPerEpoch
	}
	last := th.Dim.Render("no epoch finished yet")
	if n := len(s.EpochHistory); n > 0 {
		e := s.EpochHistory[n-1]
		last = th.Label.Render(fmt.Sprintf("last epoch %d: ", e.Epoch)) + m.kv("train", widget.FmtNum(e.TrainLoss)) + "  " + m.kv("test", widget.FmtNum(e.TestLoss))
	}
	state := f.state.style.Render(f.state.status)
	if m.lay.mode != full {
		m.epochBar.Width = max(10, w/4)
		return []string{
			state + sep + m.kv("ep", f.epoch) + " " + m.kv("step", f.step) + sep +
				m.kv("β", f.beta) + " " + m.kv("lr", f.lr) + sep + m.kv("img/s", f.rate) + " " + m.kv("ETA", f.eta) +
				activeDims(th, f.active, "z"),
			th.Label.Render("epoch ") + m.epochBar.ViewAs(epochFrac) + sep + last + msg,
		}
	}
	m.epochBar.Width, m.runBar.Width = max(10, w/4), max(10, w/5)
	return []string{
		" " + th.Title.Render(m.appTitle()) + sep + state + sep +
			m.kv("epoch", f.epoch) + "  " + m.kv("step", f.step) + sep +
			m.kv("img/s", f.rate) + sep + m.kv("elapsed", widget.FmtDuration(s.Elapsed)) + "  " + m.kv("ETA", f.eta) + sep +
			m.kv("β", f.beta) + "  " + m.kv("lr", f.lr),
		" " + th.Label.Render("epoch ") + m.epochBar.ViewAs(epochFrac) +
			th.Dim.Render(fmt.Sprintf(" %d/%d steps", stepsDone, s.StepsPerEpoch)) +
			"   " + th.Label.Render("run ") + m.runBar.ViewAs(runFrac) + msg,
		" " + last + activeDims(th, f.active, "active z") + sep + th.Dim.Render(info.ModelLabel+clipLabel(s.Clip)) +
			sep + th.Label.Render("data ") + fmt.Sprintf("%s, %d images", info.DataSource, info.TrainSize),
	}
}

// activeDims is the active latent units at the last test pass ("12/32"),
// by the one definition (live.ActiveVariance) the explorer and the metrics
// file use: with a large β the rest collapse onto the prior.
func activeDims(th *widget.Theme, active, label string) string {
	if active == "" {
		return ""
	}
	return th.Dim.Render(" │ ") + th.Label.Render(label+" ") + th.Value.Render(active)
}

// appTitle names the screen in the status's first row.
func (m *Model) appTitle() string {
	if m.onTop(m.explorer) && m.comparison() {
		return "vaetop · latent explorer · " + m.runName(m.runIndex(m.cur))
	}
	if m.onTop(m.explorer) {
		return "vaetop · latent explorer"
	}
	return "vaetop"
}

// runIndex is rs's place among the runs.
func (m *Model) runIndex(rs *runState) int {
	for i, r := range m.runs {
		if r == rs {
			return i
		}
	}
	return 0
}

func clipLabel(c float64) string {
	if c <= 0 {
		return ""
	}
	return ", clip " + widget.FmtParam(c)
}

// progress is the fraction of the epoch and of the run done.
func (m *Model) progress() (epoch, run float64) {
	s := m.cur.snap
	if s.State == live.Finished || s.Epochs > 0 && len(s.EpochHistory) >= s.Epochs {
		return 1, 1
	}
	if s.StepsPerEpoch > 0 {
		epoch = float64(s.StepInEpoch) / float64(s.StepsPerEpoch)
	}
	if s.Epochs > 0 {
		run = (float64(len(s.EpochHistory)) + epoch) / float64(s.Epochs)
	}
	return epoch, run
}

// messagePart is one thing the status says, in its style.
type messagePart struct {
	text  string
	style lipgloss.Style
}

// messageParts are the UI's own note and the trainer's standing alerts.
func (m *Model) messageParts() []messagePart {
	th := m.theme
	var parts []messagePart
	if m.note != "" {
		parts = append(parts, messagePart{m.note, th.Note})
	}
	if m.cur.alerts.saveErr != "" {
		parts = append(parts, messagePart{m.cur.alerts.saveErr, th.Warn})
	}
	if a := m.nanAdvice(); a != "" {
		parts = append(parts, messagePart{a, th.Warn})
	}
	if l := m.cur.snap.Latents; l != nil {
		if w := live.Collapse(l.Active, l.Dim, l.TestKL); w != "" {
			parts = append(parts, messagePart{w, th.Warn})
		}
	}
	if m.cur.snap.State == live.Stopped && m.cur.snap.Message != "" { // why the run ended
		parts = append(parts, messagePart{m.cur.snap.Message, th.Warn})
	}
	return parts
}

// inlineMessage is the parts for the end of the progress row.
func (m *Model) inlineMessage(parts []messagePart) string {
	if len(parts) == 0 {
		return ""
	}
	th := m.theme
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p.style.Render(p.text)
	}
	return th.Dim.Render(" │ ") + strings.Join(out, th.Dim.Render(" · "))
}

// messageLines wraps each part onto whole lines of width w.
func (m *Model) messageLines(parts []messagePart, w int) []string {
	var lines []string
	for _, p := range parts {
		for _, l := range strings.Split(ansi.Wrap(p.text, w-1, ""), "\n") {
			lines = append(lines, " "+p.style.Render(l))
		}
	}
	return lines
}

// messageRows is how many rows of its own the message needs at the
// current width: none when it fits on the progress row.
func (m *Model) messageRows() int {
	parts := m.messageParts()
	if len(parts) == 0 || !m.cur.haveSnap {
		return 0
	}
	w := m.lay.w
	rows := m.statusRows("")
	if ansi.StringWidth(rows[1])+ansi.StringWidth(m.inlineMessage(parts)) <= w {
		return 0
	}
	return len(m.messageLines(parts, w))
}
