package tui

import (
	"github.com/vaetop/vaetop/live"
)

// alerts are the trainer's events that stay on screen while they hold,
// unlike notes, which fade after a few seconds.
type alerts struct {
	nan     live.Event // the last NaN pause; shown while the run waits at it
	saveErr string     // the last failed save, until a save succeeds
}

// applyEvents takes in the trainer's events, oldest first. It runs before
// the snapshot's steps are added, so that the steps a rollback undid are
// gone before the ones that replace them arrive.
func (m *Model) applyEvents(es []live.Event, clip float64) {
	for _, e := range es {
		switch e.Kind {
		case live.EventNaNPause:
			m.alerts.nan = e
		case live.EventRolledBack:
			m.hist.truncate(e.Step, clip)
			m.alerts.nan = live.Event{}
			m.setNote(e.Text)
		case live.EventCheckpointSaved:
			m.alerts.saveErr = ""
			m.setNote(e.Text)
		case live.EventSaveFailed:
			m.alerts.saveErr = e.Text
		case live.EventFinished:
			m.setNote(e.Text)
		}
	}
}

// nanAdvice is the NaN pause's sentence with what to do about it in this
// dashboard's keys, while the run is still paused at that step.
func (m *Model) nanAdvice() string {
	e, s := m.alerts.nan, m.snap
	if e.Kind != live.EventNaNPause || s.State != live.Paused || e.Step != s.Step+1 {
		return ""
	}
	return e.Text + " Press R to roll back to " + s.RollbackPoint.String() +
		", lower lr (<) or β (b), then resume (space)."
}
