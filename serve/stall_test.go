package serve

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

type blockedWriter struct{ release chan struct{} }

func (b blockedWriter) Write(p []byte) (int, error) { <-b.release; return len(p), nil }

// A client that stops reading costs one timeout, then the session closes
// and every write fails at once.
func TestStallWriterGivesUp(t *testing.T) {
	w := blockedWriter{make(chan struct{})}
	defer close(w.release)
	closed := 0
	s := newStallWriter(w, 50*time.Millisecond, func() { closed++ })
	start := time.Now()
	if _, err := s.Write([]byte("frame")); !errors.Is(err, errStalled) || closed != 1 {
		t.Fatalf("err %v, closed %d", err, closed)
	}
	if _, err := s.Write([]byte("next")); !errors.Is(err, errStalled) || time.Since(start) > time.Second {
		t.Fatalf("second write: %v after %v", err, time.Since(start))
	}
}

func TestStallWriterPassesFrames(t *testing.T) {
	var b bytes.Buffer
	s := newStallWriter(&b, time.Second, func() { t.Fatal("closed a reading client") })
	for i := 0; i < 3; i++ {
		s.Write([]byte("ab"))
	}
	if b.String() != "ababab" {
		t.Errorf("wrote %q", b.String())
	}
}
