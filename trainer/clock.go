package trainer

import "time"

// wallClock keeps this session's wall time: since Run started (the run
// started or was resumed), and the share of it spent running, which the
// ETA's per-epoch figure is measured on (test passes and saves included,
// pauses not).
type wallClock struct {
	start, end time.Time     // end: when the run finished or stopped
	active     time.Duration // running time before runningSince
	running    time.Time     // start of the current running stretch; zero when halted
}

func (c *wallClock) begin(now time.Time) { *c = wallClock{start: now, running: now} }

// halt stops counting running time (a pause, the end of the run).
func (c *wallClock) halt(now time.Time) {
	if !c.running.IsZero() {
		c.active += now.Sub(c.running)
		c.running = time.Time{}
	}
}

// resume counts running time again.
func (c *wallClock) resume(now time.Time) {
	if c.running.IsZero() {
		c.running = now
	}
}

// finish stops both clocks for good.
func (c *wallClock) finish(now time.Time) {
	c.halt(now)
	if c.end.IsZero() {
		c.end = now
	}
}

// activeAt is the running time up to now.
func (c *wallClock) activeAt(now time.Time) time.Duration {
	if c.running.IsZero() {
		return c.active
	}
	return c.active + now.Sub(c.running)
}

// elapsedAt is the wall time since the start, up to the end once there is one.
func (c *wallClock) elapsedAt(now time.Time) time.Duration {
	if c.start.IsZero() {
		return 0
	}
	if !c.end.IsZero() {
		now = c.end
	}
	return now.Sub(c.start)
}

// epochClock measures the wall time of whole epochs run in this session.
type epochClock struct {
	startActive time.Duration // running time when the epoch began
	whole       bool          // the epoch began at its first step in this session
	perEpoch    time.Duration // smoothed wall time of an epoch; 0 until one is measured
}

// began marks an epoch's start; whole says it starts from its first step.
func (e *epochClock) began(active time.Duration, whole bool) {
	e.startActive, e.whole = active, whole
}

// ended measures the epoch that just ended.
func (e *epochClock) ended(active time.Duration) {
	if !e.whole {
		return // resumed mid-epoch: only part of it ran here
	}
	d := active - e.startActive
	if e.perEpoch == 0 {
		e.perEpoch = d
	} else {
		e.perEpoch += (d - e.perEpoch) * 3 / 10
	}
	e.whole = false
}
