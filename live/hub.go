package live

import "sync"

// maxPendingSteps bounds what a subscriber that stops reading can hold.
const maxPendingSteps = 1 << 16

// Subscription receives snapshots. Publishing never blocks: each publish
// replaces the subscriber's latest snapshot and appends the new step
// metrics and events to its pending lists, then signals C without waiting.
type Subscription struct {
	hub     *Hub
	notify  chan struct{}
	mu      sync.Mutex
	latest  *Snapshot
	steps   []StepMetric
	events  []Event
	dropped int
	closed  bool
	// series are the named series' points not yet read, thinned like the
	// hub's history when the reader falls behind; reset says the viewer
	// is to forget the series it has before taking these.
	series seriesSet
	reset  bool
}

// C is signalled when a new snapshot is ready, and closed when the trainer
// has stopped and the last snapshot was published.
func (s *Subscription) C() <-chan struct{} { return s.notify }

// Next returns the latest snapshot with every step metric and event
// published since the previous call. ok is false when nothing new has
// arrived.
func (s *Subscription) Next() (snap Snapshot, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.latest == nil {
		return Snapshot{}, false
	}
	snap = *s.latest
	snap.Steps, snap.Dropped, snap.Events = s.steps, s.dropped, s.events
	snap.Series, snap.SeriesReset = s.series.batches(&s.hub.series), s.reset
	s.latest, s.steps, s.dropped, s.events = nil, nil, 0, nil
	s.series, s.reset = seriesSet{}, false
	return snap, true
}

// Close unsubscribes; the trainer stops publishing to s.
func (s *Subscription) Close() { s.hub.remove(s) }

// Hub fans snapshots out to subscribers and keeps the step history (and
// the recent events), so a viewer that joins late (an SSH session, say)
// starts with the whole run. Whatever produces a run publishes to one: the
// trainer, a metrics-file tailer, a test.
type Hub struct {
	mu      sync.Mutex
	subs    map[*Subscription]struct{}
	history []StepMetric
	series  seriesSet // every named series, the trainer's step metrics' too
	events  []Event
	last    *Snapshot
	done    bool
	end     chan struct{} // closed by close
}

// NewHub returns a hub with no subscribers.
func NewHub() *Hub { return &Hub{subs: map[*Subscription]struct{}{}, end: make(chan struct{})} }

// Stopped is closed once the producer has stopped (Close).
func (h *Hub) Stopped() <-chan struct{} { return h.end }

// Subscribe returns a new subscription; its first snapshot carries the
// whole step history so far.
func (h *Hub) Subscribe() *Subscription {
	s := &Subscription{hub: h, notify: make(chan struct{}, 1)}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.done {
		s.closed = true
		s.latest, s.steps = h.last, append([]StepMetric(nil), h.history...)
		s.events = append([]Event(nil), h.events...)
		s.series = h.series.clone()
		s.notify <- struct{}{}
		close(s.notify)
		return s
	}
	s.steps = append([]StepMetric(nil), h.history...)
	s.events = append([]Event(nil), h.events...)
	s.series = h.series.clone()
	if h.last != nil {
		s.latest = h.last
		s.notify <- struct{}{}
	}
	h.subs[s] = struct{}{}
	return s
}

func (h *Hub) remove(s *Subscription) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[s]; ok {
		delete(h.subs, s)
		s.mu.Lock()
		if !s.closed {
			s.closed = true
			close(s.notify)
		}
		s.mu.Unlock()
	}
}

// Publish hands snap and the steps and events since the last publish to
// everyone; the steps travel as named series too (loss, rec, kl,
// grad_norm). snap must not be modified afterwards.
func (h *Hub) Publish(snap *Snapshot, steps []StepMetric, events []Event) {
	h.publish(snap, steps, stepSeries(steps), events)
}

// PublishSeries hands snap and new points of named series to everyone: a
// producer with no step metrics of vaetop's (a metrics file) publishes
// this way. snap and series must not be modified afterwards.
func (h *Hub) PublishSeries(snap *Snapshot, series []SeriesPoints, events []Event) {
	h.publish(snap, nil, series, events)
}

func (h *Hub) publish(snap *Snapshot, steps []StepMetric, series []SeriesPoints, events []Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.history = append(h.history, steps...)
	h.series.add(series)
	h.events = appendEvents(h.events, events...)
	if len(h.history) > 4*maxPendingSteps {
		h.history = thin(h.history)
	}
	h.last = snap
	for s := range h.subs {
		s.mu.Lock()
		s.latest = snap
		s.steps = append(s.steps, steps...)
		if over := len(s.steps) - maxPendingSteps; over > 0 {
			s.steps = append(s.steps[:0], s.steps[over:]...)
			s.dropped += over
		}
		s.series.add(series)
		s.events = appendEvents(s.events, events...)
		s.mu.Unlock()
		select {
		case s.notify <- struct{}{}:
		default: // already signalled; the reader will take everything at once
		}
	}
}

// ResetSeries forgets every named series, in the history and in what
// every subscriber has not read yet, and tells each viewer to forget what
// it drew: the producer starts over (a metrics file was truncated or
// replaced). The next publish carries the news.
func (h *Hub) ResetSeries() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.series = seriesSet{}
	for s := range h.subs {
		s.mu.Lock()
		s.series, s.reset = seriesSet{}, true
		s.mu.Unlock()
	}
}

// rollBack forgets the steps after step, in the history and in what every
// subscriber has not read yet: they were undone, and the steps that replace
// them reuse their numbers. A viewer that already drew them learns of it
// from the EventRolledBack that follows.
func (h *Hub) RollBack(step int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.history = StepsUpTo(h.history, step)
	h.series.truncateAfter(float64(step))
	for s := range h.subs {
		s.mu.Lock()
		s.steps = StepsUpTo(s.steps, step)
		s.series.truncateAfter(float64(step))
		s.mu.Unlock()
	}
}

// stepsUpTo cuts ms (oldest first) after step.
// StepsUpTo is the prefix of ms (in step order) up to and including step.
func StepsUpTo(ms []StepMetric, step int64) []StepMetric {
	i := len(ms)
	for i > 0 && ms[i-1].Step > step {
		i--
	}
	return ms[:i]
}

// close ends every subscription after the final publish.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.done = true
	close(h.end)
	for s := range h.subs {
		s.mu.Lock()
		s.closed = true
		close(s.notify)
		s.mu.Unlock()
	}
	h.subs = map[*Subscription]struct{}{}
}

// thin halves the older half of a long history, so memory stays bounded
// in very long runs while recent steps stay exact. Of each four steps it
// keeps those of the lowest and the highest loss (a non-finite loss counts
// as the highest), so a spike is never thinned away.
func thin(h []StepMetric) []StepMetric {
	half := len(h) / 2
	out := h[:0]
	for g := 0; g < half; g += 4 {
		end := min(g+4, half)
		lo, hi := g, g
		for i := g + 1; i < end; i++ {
			if h[i].Loss < h[lo].Loss {
				lo = i
			}
			if !Finite(h[hi].Loss) {
				continue
			}
			if !Finite(h[i].Loss) || h[i].Loss > h[hi].Loss {
				hi = i
			}
		}
		for i := g; i < end; i++ {
			if i == lo || i == hi {
				out = append(out, h[i])
			}
		}
	}
	return append(out, h[half:]...)
}
