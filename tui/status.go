package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// statusBar is the status of the run the keys act on, in the header of
// the dashboard and the explorer: its state and figures, its progress bars
// (which it keeps), its last epoch and the message (the note and the run's
// alerts). The compare screen's header is built of its figures and message.
type statusBar struct {
	root             *Model
	epochBar, runBar progress.Model
}

func newStatusBar(root *Model) statusBar {
	th := root.theme
	bar := func() progress.Model {
		return progress.New(progress.WithSolidFill(th.Progress), progress.WithColorProfile(th.Profile()),
			progress.WithFillCharacters('█', '░'))
	}
	return statusBar{root: root, epochBar: bar(), runBar: bar()}
}

// view is the header: run state and figures, progress, last epoch, and
// the message: on the progress row when it fits, else on rows of its own
// below. It changes with every snapshot, so it sits on rows of its own and
// the terminal only repaints those rows for it.
func (sb *statusBar) view() string {
	m := sb.root
	w, th := m.lay.w, m.theme
	if !m.cur.haveSnap {
		return strings.Join(widget.FitLines([]string{th.Title.Render(" vaetop") + th.Dim.Render(" │ ") + th.Dim.Render("waiting for the trainer…")}, w, m.lay.header), "\n")
	}
	parts := sb.messageParts()
	if m.lay.msgRows == 0 {
		return strings.Join(widget.FitLines(sb.rows(sb.inlineMessage(parts)), w, m.lay.header), "\n")
	}
	rows := append(sb.rows(""), sb.messageLines(parts, w)...)
	return strings.Join(widget.FitLines(rows, w, m.lay.header), "\n")
}

// rows are the status lines with msg at the end of the progress row.
func (sb *statusBar) rows(msg string) []string {
	m := sb.root
	w, th := m.lay.w, m.theme
	sep := th.Dim.Render(" │ ")
	s, info := m.cur.snap, m.cur.run.Info
	f := sb.figures(m.cur, " → ")
	epochFrac, runFrac := sb.progress()
	stepsDone := s.StepInEpoch
	if epochFrac == 1 {
		stepsDone = s.StepsPerEpoch
	}
	last := th.Dim.Render("no epoch finished yet")
	if n := len(s.EpochHistory); n > 0 {
		e := s.EpochHistory[n-1]
		last = th.Label.Render(fmt.Sprintf("last epoch %d: ", e.Epoch)) + sb.kv("train", widget.FmtNum(e.TrainLoss)) + "  " + sb.kv("test", widget.FmtNum(e.TestLoss))
	}
	state := f.state.style.Render(f.state.status)
	if m.lay.mode != full {
		sb.epochBar.Width = max(10, w/4)
		return []string{
			state + sep + sb.kv("ep", f.epoch) + " " + sb.kv("step", f.step) + sep +
				sb.kv("β", f.beta) + " " + sb.kv("lr", f.lr) + sep + sb.kv("img/s", f.rate) + " " + sb.kv("ETA", f.eta) +
				activeDims(th, f.active, "z"),
			th.Label.Render("epoch ") + sb.epochBar.ViewAs(epochFrac) + sep + last + msg,
		}
	}
	sb.epochBar.Width, sb.runBar.Width = max(10, w/4), max(10, w/5)
	return []string{
		" " + th.Title.Render(sb.appTitle()) + sep + state + sep +
			sb.kv("epoch", f.epoch) + "  " + sb.kv("step", f.step) + sep +
			sb.kv("img/s", f.rate) + sep + sb.kv("elapsed", widget.FmtDuration(sb.elapsed(m.cur))) + "  " + sb.kv("ETA", f.eta) + sep +
			sb.kv("β", f.beta) + "  " + sb.kv("lr", f.lr) + sb.viewersText(),
		" " + th.Label.Render("epoch ") + sb.epochBar.ViewAs(epochFrac) +
			th.Dim.Render(fmt.Sprintf(" %d/%d steps", stepsDone, s.StepsPerEpoch)) +
			"   " + th.Label.Render("run ") + sb.runBar.ViewAs(runFrac) + msg,
		" " + last + activeDims(th, f.active, "active z") + sb.boxText() + sep + th.Dim.Render(info.ModelLabel+clipLabel(s.Clip)) +
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
func (sb *statusBar) appTitle() string {
	m := sb.root
	if m.onTop(m.explorer) && m.comparison() {
		return "vaetop · latent explorer · " + m.runName(sb.runIndex(m.cur))
	}
	if m.onTop(m.explorer) {
		return "vaetop · latent explorer"
	}
	return "vaetop"
}

// runIndex is rs's place among the runs.
func (sb *statusBar) runIndex(rs *runState) int {
	for i, r := range sb.root.runs {
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
func (sb *statusBar) progress() (epoch, run float64) {
	s := sb.root.cur.snap
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
func (sb *statusBar) messageParts() []messagePart {
	m := sb.root
	th := m.theme
	var parts []messagePart
	if m.note != "" {
		parts = append(parts, messagePart{m.note, th.Note})
	}
	if info := m.cur.run.Info; info.Resumed && !info.Caps.Save && !m.cur.done() {
		parts = append(parts, messagePart{"not saving: resumed without --checkpoint", th.Warn})
	}
	if m.cur.alerts.saveErr != "" {
		parts = append(parts, messagePart{m.cur.alerts.saveErr, th.Warn})
	}
	if a := m.nanAdvice(); a != "" {
		parts = append(parts, messagePart{a, th.Warn})
	}
	if w := m.cur.snap.Latents.CollapseWarning(); w != "" {
		parts = append(parts, messagePart{w, th.Warn})
	}
	if m.cur.snap.State == live.Stopped && m.cur.snap.Message != "" { // why the run ended
		parts = append(parts, messagePart{m.cur.snap.Message, th.Warn})
	}
	return parts
}

// inlineMessage is the parts for the end of the progress row.
func (sb *statusBar) inlineMessage(parts []messagePart) string {
	if len(parts) == 0 {
		return ""
	}
	th := sb.root.theme
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p.style.Render(p.text)
	}
	return th.Dim.Render(" │ ") + strings.Join(out, th.Dim.Render(" · "))
}

// messageLines wraps each part onto whole lines of width w.
func (sb *statusBar) messageLines(parts []messagePart, w int) []string {
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
func (sb *statusBar) messageRows() int {
	parts := sb.messageParts()
	if len(parts) == 0 || !sb.root.cur.haveSnap {
		return 0
	}
	w := sb.root.lay.w
	rows := sb.rows("")
	if ansi.StringWidth(rows[1])+ansi.StringWidth(sb.inlineMessage(parts)) <= w {
		return 0
	}
	return len(sb.messageLines(parts, w))
}

// viewersText is how many viewers are connected, after a separator; ""
// when the tui is not served.
func (s *statusBar) viewersText() string {
	if s.root.opts.Viewers == nil {
		return ""
	}
	return s.root.theme.Dim.Render(" │ ") + s.kv("viewers", fmt.Sprint(s.root.opts.Viewers()))
}

// elapsed is the run's wall time now: the snapshot's, plus the time since
// it was published while the run goes on (a paused run publishes nothing,
// and its clock still runs).
func (s *statusBar) elapsed(rs *runState) time.Duration {
	snap := rs.snap
	if rs.done() || snap.Time.IsZero() {
		return snap.Elapsed
	}
	return snap.Elapsed + max(0, s.root.opts.Now().Sub(snap.Time))
}
