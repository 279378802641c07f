package app

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"
)

// stuckWriter is a reader that stopped reading: every Write waits until
// release is closed.
type stuckWriter struct{ release chan struct{} }

func (w stuckWriter) Write(p []byte) (int, error) {
	<-w.release
	return len(p), nil
}

// With a healthy reader every line arrives, in order, even after a signal.
func TestOutputQueueDeliversEverything(t *testing.T) {
	var got syncBuffer
	quit := make(chan struct{})
	q := newOutputQueue(&got, quit)
	for i := 0; i < 1000; i++ {
		if _, err := q.Write([]byte("line\n")); err != nil {
			t.Fatal(err)
		}
	}
	close(quit)
	q.Write([]byte("table\nrow\n"))
	if n := q.Close(time.Second); n != 0 || got.String() != string(bytes.Repeat([]byte("line\n"), 1000))+"table\nrow\n" {
		t.Errorf("%d unwritten, got %d bytes", n, len(got.String()))
	}
}

// A reader that stopped reading holds Write only until a signal; then
// Write and Close return at once, and every line not taken is counted.
func TestOutputQueueGivesUpOnAStuckReaderAfterASignal(t *testing.T) {
	w := stuckWriter{make(chan struct{})}
	defer close(w.release)
	quit := make(chan struct{})
	q := newOutputQueue(w, quit)
	blocked := make(chan int)
	go func() {
		n := 0
		for {
			if _, err := q.Write([]byte("epoch\n")); err != nil {
				if !errors.Is(err, errOutputAbandoned) {
					t.Error(err)
				}
				blocked <- n
				return
			}
			n++
		}
	}()
	time.Sleep(100 * time.Millisecond)
	start := time.Now()
	close(quit)
	n := <-blocked
	unwritten := q.Close(outputGrace)
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v after the signal", d)
	}
	// One line is in the stuck write, the backlog holds the rest, and the
	// refused one is counted too.
	if n != outputBacklog+1 || unwritten != n+1 {
		t.Errorf("%d written to the queue, %d unwritten", n, unwritten)
	}
}

type failingWriter struct{}

func (failingWriter) Write(p []byte) (int, error) { return 0, io.ErrClosedPipe }

// A reader that went away (| head -1) closes Failed, and later writes fail.
func TestOutputQueueReportsAClosedReader(t *testing.T) {
	q := newOutputQueue(failingWriter{}, nil)
	q.Write([]byte("one\n"))
	select {
	case <-q.Failed():
	case <-time.After(5 * time.Second):
		t.Fatal("no failure")
	}
	if _, err := q.Write([]byte("two\n")); !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("write after failure: %v", err)
	}
	if n := q.Close(0); n != 2 {
		t.Errorf("%d unwritten, want 2", n)
	}
}
