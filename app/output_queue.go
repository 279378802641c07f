package app

import (
	"bytes"
	"errors"
	"io"
	"sync"
	"time"
)

// outputQueue carries a headless command's output lines (epoch lines, the
// compare table) to a writer goroutine. A reader that stops reading (| less
// left unscrolled, a stuck log pipe) then holds up neither the run nor its
// shutdown: after a signal the process saves and exits within a second,
// and counts the lines it could not write. Lines are never dropped while
// the run goes on: when the backlog is full, Write waits for the reader,
// which holds up only the viewer, never the trainer.
type outputQueue struct {
	w      io.Writer
	lines  chan []byte
	done   chan struct{}   // closed when the writer goroutine returns
	failed chan struct{}   // closed at the first write error
	quit   <-chan struct{} // closed by a signal: stop waiting for the reader

	mu      sync.Mutex
	err     error // the first write error
	offered int   // lines given to Write
	written int   // lines the reader has taken
	closed  bool
}

// outputBacklog is how many writes may wait for a slow reader.
const outputBacklog = 256

// errOutputAbandoned is Write's error once a signal has ended the wait.
var errOutputAbandoned = errors.New("output abandoned after a signal")

// newOutputQueue starts writing to w; quit (a signal context's Done)
// makes every wait for the reader give up.
func newOutputQueue(w io.Writer, quit <-chan struct{}) *outputQueue {
	q := &outputQueue{w: w, lines: make(chan []byte, outputBacklog), done: make(chan struct{}),
		failed: make(chan struct{}), quit: quit}
	go q.drain()
	return q
}

func (q *outputQueue) drain() {
	defer close(q.done)
	for line := range q.lines {
		select {
		case <-q.failed:
			continue // after a failed write, a line could be glued to its half
		default:
		}
		if _, err := q.w.Write(line); err != nil {
			q.mu.Lock()
			q.err = err
			q.mu.Unlock()
			close(q.failed)
			continue
		}
		q.mu.Lock()
		q.written += lineCount(line)
		q.mu.Unlock()
	}
}

// Write queues p. It waits while the backlog is full, until the reader
// takes a line, a write fails (that error) or a signal comes
// (errOutputAbandoned); either way p is counted as offered.
func (q *outputQueue) Write(p []byte) (int, error) {
	q.mu.Lock()
	q.offered += lineCount(p)
	q.mu.Unlock()
	select {
	case <-q.failed:
		return 0, q.Err()
	default:
	}
	line := append([]byte(nil), p...)
	select { // room in the backlog wins over a signal: a healthy reader gets everything
	case q.lines <- line:
		return len(p), nil
	default:
	}
	select {
	case q.lines <- line:
		return len(p), nil
	case <-q.failed:
		return 0, q.Err()
	case <-q.quit:
		return 0, errOutputAbandoned
	}
}

// Failed is closed when a write fails (the reader went away).
func (q *outputQueue) Failed() <-chan struct{} { return q.failed }

// Err is the first write error, or nil.
func (q *outputQueue) Err() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err
}

// Close lets the reader take what is queued and returns how many lines it
// did not take. Without a signal it waits for the reader as long as it
// takes, as any program writing to a pipe does; once a signal comes it
// waits at most grace more. Nothing may Write after Close.
func (q *outputQueue) Close(grace time.Duration) (unwritten int) {
	q.mu.Lock()
	if !q.closed {
		q.closed = true
		close(q.lines)
	}
	q.mu.Unlock()
	select {
	case <-q.done:
	case <-q.quit:
		select {
		case <-q.done:
		case <-time.After(grace):
		}
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.offered - q.written
}

// lineCount is the lines p holds: its newlines, or 1 for an unfinished one.
func lineCount(p []byte) int {
	n := bytes.Count(p, []byte("\n"))
	if len(p) > 0 && p[len(p)-1] != '\n' {
		n++
	}
	return n
}

// outputGrace is how long the output may still drain after a signal: the
// process exits within a second whatever its reader does.
const outputGrace = 300 * time.Millisecond
