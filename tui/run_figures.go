package tui

import (
	"fmt"
	"time"

	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// runFigures are one run's figures as the status rows show them: the
// dashboard's status and each of compare's run lines are built from them,
// so the two never disagree (a run whose feed closed is done on both).
type runFigures struct {
	state       runStateLabel
	epoch, step string
	beta, lr    string // with the value asked for, while the run has not taken it
	rate, eta   string
	active      string // "12/32", or "" before the first test pass
}

// runStateLabel is a run's state in its colour: as the dashboard's status
// says it ("|| paused"), and as a glyph and a word for compare's columns.
type runStateLabel struct {
	style       lipgloss.Style
	status      string
	glyph, word string
}

// figures are rs's figures; arrow joins a value to the one asked for.
func (sb *statusBar) figures(rs *runState, arrow string) runFigures {
	s := rs.snap
	f := runFigures{
		state: sb.stateOf(rs),
		epoch: fmt.Sprintf("%d/%d", s.CurrentEpoch, s.Epochs), step: fmt.Sprint(s.Step),
		beta: widget.FmtParam(s.Beta), lr: widget.FmtParam(s.LR),
		rate: fmt.Sprintf("%.0f", s.ImagesPerSec), eta: widget.FmtDuration(s.ETA),
	}
	if rs.beta.live && rs.beta.v != s.Beta {
		f.beta += arrow + widget.FmtParam(rs.beta.v)
	}
	if rs.lr.live && rs.lr.v != s.LR {
		f.lr += arrow + widget.FmtParam(rs.lr.v)
	}
	switch {
	case rs.snap.State == live.Stopped && s.CurrentEpoch < s.Epochs, rs.snap.State == live.Stopped && s.StepInEpoch > 0:
		f.eta = "—" // stopped short of its end: nothing to estimate
	case rs.done():
		f.eta = "done"
	case s.ETA <= 0: // no step timed yet: nothing to estimate from
		f.eta = "…"
	}
	if l := s.Latents; l != nil && l.Dim > 0 {
		f.active = fmt.Sprintf("%d/%d", l.Active, l.Dim)
	}
	return f
}

// done reports whether rs trains no more: finished, stopped, or its feed
// closed.
func (rs *runState) done() bool {
	return rs.closed || rs.snap.State == live.Finished || rs.snap.State == live.Stopped
}

// stateOf is rs's state: stopped (its feed closed too), paused, finished
// or running.
func (sb *statusBar) stateOf(rs *runState) runStateLabel {
	th := sb.root.theme
	switch {
	case rs.closed || rs.snap.State == live.Stopped:
		return runStateLabel{th.Stopped, "■ stopped", "■", "stopped"}
	case rs.snap.State == live.Paused:
		return runStateLabel{th.Paused, "|| paused", "‖", "paused"}
	case rs.snap.State == live.Finished:
		return runStateLabel{th.Finished, "✓ finished", "✓", "finished"}
	case rs.steps.Stalled(sb.root.opts.Now()):
		return runStateLabel{th.Warn, "▶ stalled", "▶", "stalled"}
	}
	return runStateLabel{th.Running, "▶ running", "▶", "running"}
}

// trackSteps keeps the times a running run made steps, for the stall
// rule (live.Growth): a run that stops making steps while not paused is
// stalled. Paused, it starts afresh at resumption.
func (rs *runState) trackSteps(s live.Snapshot, now time.Time) {
	if s.State != live.Running {
		rs.steps, rs.lastStep = live.Growth{}, -1
		return
	}
	if s.Step != rs.lastStep {
		rs.steps.Grew(now, false)
		rs.lastStep = s.Step
	}
}

// kv is a label and its value in their styles.
func (sb *statusBar) kv(k, v string) string {
	th := sb.root.theme
	return th.Label.Render(k+" ") + th.Value.Render(v)
}
