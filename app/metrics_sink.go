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
// Ctrl-C and the final checkpoint.
type metricsSink struct {
	f     *os.File
	lines chan []byte
	done  chan struct{}

	mu      sync.Mutex
	err     error // the first write error, returned by later Writes
	dropped int   // lines lost because the reader fell far behind
}

// sinkBacklog is how many lines may wait for a slow reader: an epoch
// writes one, so this is hundreds of epochs.
const sinkBacklog = 1024

// newMetricsSink makes a sink whose file is opened later (start), once
// the run is known to start: lines written before then wait in the queue.
func newMetricsSink() *metricsSink {
	return &metricsSink{lines: make(chan []byte, sinkBacklog), done: make(chan struct{})}
}

// start begins writing to f.
func (s *metricsSink) start(f *os.File) {
	s.f = f
	go s.drain()
}

func (s *metricsSink) drain() {
	defer close(s.done)
	for line := range s.lines {
		if _, err := s.f.Write(line); err != nil {
			s.mu.Lock()
			if s.err == nil {
				var pe *os.PathError
				if errors.As(err, &pe) {
					err = pe.Err
				}
				s.err = fmt.Errorf("%q: %w", s.f.Name(), err)
			}
			s.mu.Unlock()
		}
	}
}

// Write queues one line; it never blocks. It reports an earlier line's
// write error, so a failing file still ends the run (with its checkpoint).
func (s *metricsSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	err := s.err
	s.mu.Unlock()
	if err != nil {
		return 0, err
	}
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
	select {
	case <-s.done:
	case <-time.After(wait):
		// A pipe's write is parked in the poller; a deadline frees it.
		s.f.SetWriteDeadline(time.Now())
		select {
		case <-s.done:
		case <-time.After(time.Second):
		}
		s.mu.Lock()
		s.err = fmt.Errorf("%q: the reader stopped reading; the last metrics lines were not written", s.f.Name())
		s.mu.Unlock()
	}
	cerr := s.f.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.err != nil:
		return s.err
	case s.dropped > 0:
		return fmt.Errorf("%q: the reader fell behind; %d metrics lines were not written", s.f.Name(), s.dropped)
	case cerr != nil:
		return fmt.Errorf("%q: %w", s.f.Name(), cerr)
	}
	return nil
}
