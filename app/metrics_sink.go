package app

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// metricsSink hands metrics lines to a writer goroutine, so that training
// never waits on the file: a FIFO whose reader has stopped reading would
// otherwise stall the training goroutine, and with it every command,
// Ctrl-C and the final checkpoint. A write that fails (a full disk, a
// reader gone) is reported at once through onError and training goes on,
// as after a failed checkpoint: the checkpoint holds every epoch's
// figures, and --resume writes the missing lines back.
type metricsSink struct {
	f       *os.File
	lines   chan []byte
	done    chan struct{}
	failed  chan struct{} // closed at the first write error
	onError func(error)   // called once, from the writer goroutine; may be nil
	// restorable: the run has a checkpoint, from which --resume writes the
	// lost lines back.
	restorable bool

	mu      sync.Mutex
	err     error // the first write error; later lines are not tried
	lost    int   // lines not written after it
	dropped int   // lines lost because the reader fell far behind
}

// sinkBacklog is how many lines may wait for a slow reader: an epoch
// writes one, so this is hundreds of epochs.
const sinkBacklog = 1024

// newMetricsSink makes a sink whose file is opened later (start), once
// the run is known to start: lines written before then wait in the queue.
func newMetricsSink() *metricsSink {
	return &metricsSink{lines: make(chan []byte, sinkBacklog), done: make(chan struct{}), failed: make(chan struct{})}
}

// start begins writing to f.
func (s *metricsSink) start(f *os.File) {
	s.f = f
	go s.drain()
}

func (s *metricsSink) drain() {
	defer close(s.done)
	for line := range s.lines {
		s.mu.Lock()
		failed := s.err != nil
		if failed {
			s.lost++ // a line after a failed one could be glued to its half
		}
		s.mu.Unlock()
		if failed {
			continue
		}
		if _, err := s.f.Write(line); err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			err = fmt.Errorf("%q: %w", s.f.Name(), err)
			s.mu.Lock()
			s.err, s.lost = err, 1
			s.mu.Unlock()
			close(s.failed)
			if s.onError != nil {
				s.onError(err)
			}
		}
	}
}

// Write queues one line; it never blocks and never fails.
func (s *metricsSink) Write(p []byte) (int, error) {
	select {
	case s.lines <- append([]byte(nil), p...):
	default:
		s.mu.Lock()
		s.dropped++
		s.mu.Unlock()
	}
	return len(p), nil
}

// Close writes what is queued, giving a stuck reader at most wait, and
// closes the file. It reports the first write error or the lines lost.
func (s *metricsSink) Close(wait time.Duration) error {
	if s.f == nil {
		return nil // never started
	}
	close(s.lines)
	stuck := false
	select {
	case <-s.done:
	case <-time.After(wait):
		stuck = true
		// A pipe's write is parked in the poller; a deadline frees it.
		s.f.SetWriteDeadline(time.Now())
		select {
		case <-s.done:
		case <-time.After(min(wait, time.Second)): // a descriptor out of the poller ignores the deadline
		}
	}
	cerr := s.f.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case stuck:
		return fmt.Errorf("%q: the reader stopped reading; the last metrics lines were not written", s.f.Name())
	case s.err != nil:
		if s.restorable {
			return fmt.Errorf("%v; %s not written (--resume restores them from the checkpoint)", s.err, plural(s.lost, "metrics line"))
		}
		return fmt.Errorf("%v; %s not written", s.err, plural(s.lost, "metrics line"))
	case s.dropped > 0:
		return fmt.Errorf("%q: the reader fell behind; %d metrics lines were not written", s.f.Name(), s.dropped)
	case cerr != nil:
		return fmt.Errorf("%q: %w", s.f.Name(), cerr)
	}
	return nil
}

// Failed is closed when a write fails (the reader went away).
func (s *metricsSink) Failed() <-chan struct{} { return s.failed }

// Err is the first write error, or nil.
func (s *metricsSink) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}
