package live

import (
	"sync"
	"testing"
	"time"
)

// Something other than a trainer publishes to a hub. Two viewers watch:
// one detaches early, the producer goes on, and the other, reading in its
// own time, receives every step in order; a viewer that joins late starts
// with the whole history; Close ends every feed.
func TestHubFansOutToViewersThatComeAndGo(t *testing.T) {
	h := NewHub()
	early, stays := h.Subscribe(), h.Subscribe()
	const steps = 5000
	var wg sync.WaitGroup
	var got []int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range stays.C() {
			s, ok := stays.Next()
			if !ok {
				continue
			}
			for _, m := range s.Steps {
				got = append(got, m.Step)
			}
			time.Sleep(time.Millisecond) // a slow viewer: publishes coalesce
		}
	}()
	for i := int64(1); i <= steps; i += 10 {
		batch := make([]StepMetric, 10)
		for j := range batch {
			batch[j] = StepMetric{Step: i + int64(j)}
		}
		h.Publish(&Snapshot{Step: i + 9}, batch, nil)
		if i == 101 {
			early.Close() // the first viewer leaves; publishing goes on
		}
	}
	late := h.Subscribe()
	s, ok := late.Next()
	if !ok || len(s.Steps) != steps || s.Step != steps {
		t.Errorf("a late viewer started with %d steps at step %d", len(s.Steps), s.Step)
	}
	h.Close()
	wg.Wait()
	if len(got) != steps {
		t.Fatalf("the staying viewer got %d of %d steps", len(got), steps)
	}
	for i, st := range got {
		if st != int64(i+1) {
			t.Fatalf("step %d arrived as %d", i+1, st)
		}
	}
	if _, open := <-late.C(); open {
		if _, open := <-late.C(); open {
			t.Error("Close left a feed open")
		}
	}
	select {
	case <-h.Stopped():
	default:
		t.Error("Stopped not closed after Close")
	}
}
