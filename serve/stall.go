package serve

import (
	"errors"
	"io"
	"sync"
	"time"
)

// errStalled is the error of a write the client did not take in time.
var errStalled = errors.New("the client stopped reading")

// stallWriter writes a session's frames. A client that stops reading (a
// frozen terminal, a full SSH window) would block the program's renderer
// for ever; here a write that has not finished after timeout gives up,
// closes the session, and every later write fails at once. So one stuck
// client never holds up training or the other sessions.
type stallWriter struct {
	w       io.Writer
	timeout time.Duration
	onStall func()

	mu     sync.Mutex
	failed error
	done   chan writeResult
}

type writeResult struct {
	n   int
	err error
}

func newStallWriter(w io.Writer, timeout time.Duration, onStall func()) *stallWriter {
	return &stallWriter{w: w, timeout: timeout, onStall: onStall, done: make(chan writeResult, 1)}
}

func (s *stallWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed != nil {
		return 0, s.failed
	}
	buf := append([]byte(nil), p...) // the caller may reuse p once we return
	go func() {
		n, err := s.w.Write(buf)
		s.done <- writeResult{n, err}
	}()
	timer := time.NewTimer(s.timeout)
	defer timer.Stop()
	select {
	case r := <-s.done:
		if r.err != nil {
			s.failed = r.err
		}
		return r.n, r.err
	case <-timer.C:
		s.failed = errStalled
		s.onStall() // closing the session ends the blocked write
		return 0, errStalled
	}
}
