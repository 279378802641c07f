package tui

import "github.com/vaetop/vaetop/live"

// alerts are the trainer's events that stay on screen while they hold,
// unlike notes, which fade after a few seconds.
type alerts struct {
	nan     live.Event // the last NaN pause; shown while the run waits at it
	saveErr string     // the last failed save, until a save succeeds
}

// applyEvents takes in the trainer's events, oldest first. It runs before
// the snapshot's steps are added, so that the steps a rollback undid are
// gone before the ones that replace them arrive.
func (m *Model) applyEvents(rs *runState, es []live.Event, clip float64) {
	note := func(text string) {
		if rs == m.cur { // the note line speaks of the run on screen
			m.setNote(text)
		}
	}
	for _, e := range es {
		switch e.Kind {
		case live.EventNaNPause:
			rs.alerts.nan = e
		case live.EventRolledBack:
			rs.hist.truncate(e.Step, clip)
			rs.series.truncateAfter(e.Step)
			rs.alerts.nan = live.Event{}
			note(e.Text)
		case live.EventCheckpointSaved:
			rs.alerts.saveErr = ""
			note(e.Text)
		case live.EventSaveFailed:
			rs.alerts.saveErr = e.Text
		case live.EventFinished:
			note(e.Text)
		}
	}
}

// nanAdvice is the NaN pause's sentence with what to do about it in this
// dashboard's keys, while the run is still paused at that step.
func (m *Model) nanAdvice() string {
	e, s := m.cur.alerts.nan, m.cur.snap
	if e.Kind != live.EventNaNPause || s.State != live.Paused || e.Step != s.Step+1 {
		return ""
	}
	return e.Text + " Press R to roll back to " + s.RollbackPoint.String() +
		", lower lr (<) or β (b), then resume (space)."
}
