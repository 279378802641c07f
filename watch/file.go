// Package watch follows other trainers' metrics files (JSON Lines, CSV,
// vaetop's own) and publishes their series to a live hub, so that every
// viewer of vaetop draws them like a run of its own: a run with a feed and
// no model (Run.Ctl and Run.Q nil). The parsers (watch/format) and the
// follower (watch/tail) are pure of any terminal.
package watch

import (
	"context"
	"path/filepath"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/watch/format"
	"github.com/vaetop/vaetop/watch/tail"
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
}

// File follows one metrics file and publishes its series: it is a
// live.Source, each viewer getting a feed of its own.
type File struct {
	path   string
	opts   Options
	hub    *live.Hub
	tail   *tail.Tail
	kind   format.Kind // detected or forced; Auto until known
	parser format.Parser
	status live.FileStatus
	batch  pointBatch
}

// New follows path; nothing is read until Run.
func New(path string, opts Options) *File {
	if opts.Interval <= 0 {
		opts.Interval = 250 * time.Millisecond
	}
	if opts.Label == "" {
		opts.Label = path
	}
	f := &File{path: path, opts: opts, hub: live.NewHub(), tail: tail.Open(path, tail.Options{}), kind: opts.Format}
	f.status = live.FileStatus{Path: path, Format: "detecting"}
	if f.kind != format.Auto {
		f.parser = format.New(f.kind)
		f.status.Format = f.kind.String()
	}
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
	defer f.tail.Close()
	tick := time.NewTicker(f.opts.Interval)
	defer tick.Stop()
	f.publish(live.Running) // viewers show "waiting" at once
	for {
		if f.poll() {
			f.publish(live.Running)
		}
		select {
		case <-ctx.Done():
			f.publish(live.Stopped)
			return
		case <-tick.C:
		}
	}
}

// poll reads everything new; changed says there is something to publish.
func (f *File) poll() (changed bool) {
	for {
		b, err := f.tail.Poll()
		changed = f.takeState(b, err) || changed
		if err != nil {
			return changed
		}
		if b.Reset {
			f.restart()
			changed = true
		}
		for _, line := range b.Lines {
			f.takeLine(line)
		}
		if len(b.Lines) > 0 || b.TooLong > 0 {
			changed = true
		}
		f.status.Skipped += int64(b.TooLong)
		if !b.More {
			return changed
		}
		f.publish(live.Running) // a long file shows while the rest is read
	}
}

// takeState records existence, growth and errors; it reports a change.
func (f *File) takeState(b tail.Batch, err error) bool {
	old := f.status
	if err != nil {
		f.status.Err = err.Error()
		return f.status.Err != old.Err
	}
	f.status.Err = ""
	f.status.Exists = b.Exists
	if b.Exists {
		f.status.Updated = b.ModTime
	}
	return old.Err != "" || old.Exists != f.status.Exists || !old.Updated.Equal(f.status.Updated)
}

// restart forgets what was read: the file was truncated, replaced or
// rewritten, and is read again from the top (with a fresh parser, so a
// CSV header is read again).
func (f *File) restart() {
	f.batch.reset()
	f.hub.ResetSeries()
	f.status.Lines, f.status.Skipped = 0, 0
	f.status.Resets++
	if f.opts.Format == format.Auto {
		f.kind, f.parser = format.Auto, nil
		f.status.Format = "detecting"
	} else {
		f.parser = format.New(f.kind)
	}
}

// takeLine parses one complete line into the batch.
func (f *File) takeLine(line []byte) {
	if f.parser == nil && !f.detect(line) {
		return
	}
	rec, ok, err := f.parser.Parse(line)
	switch {
	case err != nil:
		f.status.Skipped++
	case ok:
		f.status.Lines++
		f.batch.add(rec)
	}
}

// detect picks the format from the first non-blank line.
func (f *File) detect(line []byte) bool {
	k := format.Detect(append(append([]byte(nil), line...), '\n'))
	if k == format.Auto {
		return false // a blank line: wait for one that tells
	}
	f.kind, f.parser = k, format.New(k)
	f.status.Format = k.String()
	return true
}

// publish sends the batch read since the last publish, with the file's
// status.
func (f *File) publish(state live.State) {
	st := f.status
	snap := &live.Snapshot{Time: time.Now(), State: state, File: &st}
	f.hub.PublishSeries(snap, f.batch.take(), nil)
}
