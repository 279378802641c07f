package trainer

import "github.com/vaetop/vaetop/live"

// emit records e for the next publish and makes its text the trainer's
// message.
func (t *Trainer) emit(e live.Event) {
	t.events = append(t.events, e)
	t.message = e.Text
}
