// Package watch follows other trainers' metrics files (JSON Lines, CSV,
// vaetop's own, Hugging Face's trainer_state.json) and publishes their
// series to a live hub, so that every viewer of vaetop draws them like a
// run of its own: a run with a feed and no model (Run.Ctl and Run.Q nil).
// The parsers (watch/format) and the follower (watch/tail) are pure of any
// terminal.
package watch

import (
	"context"
	"path/filepath"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/watch/format"
)

// Options tune a File; the zero value is the defaults.
type Options struct {
	// Format is the file's format; Auto detects it from the content.
	Format format.Kind
	// Interval is the time between polls (default 250 ms): new lines
	// show within a second, on shared storage too, where no inotify
	// event ever arrives.
	Interval time.Duration
	// Label names the run for people (default: the path as given).
	Label string
	// Now is the clock (tests fix it).
	Now func() time.Time
}

// source reads a run's data into its File: the lines of a growing file,
// or a Hugging Face run's newest trainer_state.json.
type source interface {
	// read takes in what is new; changed says there is something to
	// publish, more that there is more to read at once.
	read(f *File) (changed, more bool)
	close()
}

// File follows one run's metrics and publishes its series: it is a
// live.Source, each viewer getting a feed of its own.
type File struct {
	path    string
	opts    Options
	hub     *live.Hub
	src     source
	status  live.FileStatus
	batch   pointBatch
	summary summary
	growth  live.Growth
	found   bool // the first growth was recorded
}

// New follows the metrics file at path; nothing is read until Run.
func New(path string, opts Options) *File {
	f := newFile(path, opts)
	f.src = newLineSource(path, opts.Format, &f.status)
	return f
}

func newFile(path string, opts Options) *File {
	if opts.Interval <= 0 {
		opts.Interval = 250 * time.Millisecond
	}
	if opts.Label == "" {
		opts.Label = path
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	f := &File{path: path, opts: opts, hub: live.NewHub()}
	f.status = live.FileStatus{Path: path, Format: "detecting"}
	return f
}

// Viewer is a new viewer's run: a feed of its own, no controller, no
// model to ask.
func (f *File) Viewer() live.Run {
	abs, err := filepath.Abs(f.path)
	if err != nil {
		abs = f.path
	}
	return live.Run{
		Info: live.RunInfo{ID: "file:" + abs, Label: f.opts.Label, ModelLabel: "metrics file"},
		Feed: f.hub.Subscribe(),
	}
}

// Stopped is closed once Run has returned and the last snapshot is out.
func (f *File) Stopped() <-chan struct{} { return f.hub.Stopped() }

// Run polls the file until ctx is done, then publishes a last snapshot
// and closes every feed.
func (f *File) Run(ctx context.Context) {
	defer f.hub.Close()
	defer f.src.close()
	f.publish(live.Running) // viewers show "waiting" at once
	wait := time.NewTimer(0)
	defer wait.Stop()
	for {
		select {
		case <-ctx.Done():
			f.publish(live.Stopped)
			return
		case <-wait.C:
		}
		if f.poll() {
			f.publish(live.Running)
		}
		wait.Reset(f.interval())
	}
}

// quietAfter is how long a file must not grow before it is polled at
// quietEvery: a directory of a thousand finished runs then costs a stat
// per run a second, and a run that starts again still shows within one.
const (
	quietAfter = 10 * time.Second
	quietEvery = time.Second
)

// interval is the time to the next poll.
func (f *File) interval() time.Duration {
	if last := f.growth.Last(); !last.IsZero() && f.opts.Now().Sub(last) > quietAfter {
		return max(f.opts.Interval, quietEvery)
	}
	return f.opts.Interval
}

// poll reads everything new; changed says there is something to publish.
func (f *File) poll() (changed bool) {
	for {
		c, more := f.src.read(f)
		changed = c || changed
		if f.judge() {
			changed = true
		}
		if !more {
			return changed
		}
		f.publish(live.Running) // a long file shows while the rest is read
	}
}

// look records a look at the file: its modification time, and whether it
// grew since the last look (new bytes, or a new checkpoint). Growth is
// timed by this machine's clock at the look that saw it, not by the mtime:
// on shared storage the file server's clock may be far off. Only the
// first look takes the mtime (no later than now), so that a file found
// silent for an hour is idle at once.
func (f *File) look(mtime time.Time, grew bool) {
	now := f.opts.Now()
	switch {
	case !f.found:
		if mtime.IsZero() {
			return
		}
		f.growth.Grew(minTime(mtime, now), true)
		f.found = true
		f.status.Updated = minTime(mtime, now)
	case grew:
		f.growth.Grew(now, false)
		f.status.Updated = now
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// judge updates the health flags; it reports a change.
func (f *File) judge() bool {
	old := f.status.Health + f.status.Diverging
	switch now := f.opts.Now(); {
	case f.summary.finished:
		f.status.Health = live.HealthFinished
	case !f.found:
		f.status.Health = ""
	case f.growth.Stalled(now):
		f.status.Health = live.HealthStalled
	case f.growth.Idle(now):
		f.status.Health = live.HealthIdle
	default:
		f.status.Health = live.HealthLive
	}
	_, f.status.Diverging = f.summary.div.Diverging()
	return old != f.status.Health+f.status.Diverging
}

// restart forgets what was read: the run is read again from the top.
func (f *File) restart() {
	f.batch.reset()
	f.summary.reset()
	f.hub.ResetSeries()
	f.status.Lines, f.status.Skipped = 0, 0
	f.status.Resets++
}

// take adds one parsed record.
func (f *File) take(rec *format.Record) {
	f.status.Lines++
	f.batch.add(rec)
	f.summary.add(rec)
}

// publish sends the batch read since the last publish, with the file's
// status.
func (f *File) publish(state live.State) {
	st := f.status
	f.summary.into(&st)
	snap := &live.Snapshot{Time: time.Now(), State: state, File: &st}
	f.hub.PublishSeries(snap, f.batch.take(), nil)
}
