package live

// EventKind says what happened; viewers switch on it and never on the
// words of a message.
type EventKind int

// Kinds of events.
const (
	// EventNaNPause: a step's loss or gradient was not finite; the run
	// paused before applying it. Step is the step that failed, Epoch the
	// epochs completed in the state Rollback returns to.
	EventNaNPause EventKind = iota + 1
	// EventCheckpointSaved: a checkpoint was written (on request or at the
	// end of epoch Epoch). Step is the step it holds.
	EventCheckpointSaved
	// EventSaveFailed: writing a checkpoint failed; training goes on.
	EventSaveFailed
	// EventRolledBack: the run returned to its kept state: Epoch epochs
	// completed, Step steps done. It is paused.
	EventRolledBack
	// EventFinished: all epochs are done.
	EventFinished
)

func (k EventKind) String() string {
	switch k {
	case EventNaNPause:
		return "nan-pause"
	case EventCheckpointSaved:
		return "checkpoint-saved"
	case EventSaveFailed:
		return "save-failed"
	case EventRolledBack:
		return "rolled-back"
	case EventFinished:
		return "finished"
	}
	return "unknown"
}

// Event is something a viewer should tell its user about once. Text is the
// whole sentence for people; the other fields are for programs.
type Event struct {
	Kind  EventKind
	Step  int64
	Epoch int
	Text  string
}

// maxPendingEvents bounds the events a subscriber that stops reading holds,
// and the history a new subscriber starts with.
const maxPendingEvents = 256

// appendEvents appends es to list, keeping at most the newest
// maxPendingEvents.
func appendEvents(list []Event, es ...Event) []Event {
	list = append(list, es...)
	if over := len(list) - maxPendingEvents; over > 0 {
		list = append(list[:0], list[over:]...)
	}
	return list
}
