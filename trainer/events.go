package trainer

// emit records e for the next publish and makes its text the trainer's
// message.
func (t *Trainer) emit(e Event) {
	t.events = append(t.events, e)
	t.message = e.Text
}
