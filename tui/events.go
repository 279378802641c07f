package tui

import (
	"github.com/vaetop/vaetop/trainer"
)

// alerts are the trainer's events that stay on screen while they hold,
// unlike notes, which fade after a few seconds.
type alerts struct {
	nan     trainer.Event // the last NaN pause; shown while the run waits at it
	saveErr string        // the last failed save, until a save succeeds
}

// applyEvents takes in the trainer's events, oldest first. It runs before
// the snapshot's steps are added, so that the steps a rollback undid are
// gone before the ones that replace them arrive.
func (m *Model) applyEvents(es []trainer.Event, clip float64) {
	for _, e := range es {
		switch e.Kind {
		case trainer.EventNaNPause:
			m.alerts.nan = e
		case trainer.EventRolledBack:
			m.hist.truncate(e.Step, clip)
			m.alerts.nan = trainer.Event{}
			m.setNote(e.Text)
		case trainer.EventCheckpointSaved:
			m.alerts.saveErr = ""
			m.setNote(e.Text)
		case trainer.EventSaveFailed:
			m.alerts.saveErr = e.Text
		case trainer.EventFinished:
			m.setNote(e.Text)
		}
	}
}

// nanAdvice is the NaN pause's sentence with what to do about it in this
// dashboard's keys, while the run is still paused at that step.
func (m *Model) nanAdvice() string {
	e, s := m.alerts.nan, m.snap
	if e.Kind != trainer.EventNaNPause || s.State != trainer.Paused || e.Step != s.Step+1 {
		return ""
	}
	return e.Text + " Press R to roll back to " + s.RollbackPoint.String() +
		", lower lr (<) or β (b), then resume (space)."
}
