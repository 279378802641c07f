package par

import (
	"sync/atomic"
	"testing"
)

type counter struct {
	hits []atomic.Int32
}

func (c *counter) Chunk(i int) { c.hits[i].Add(1) }

func TestForRunsEveryChunkOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 17, 100} {
		c := &counter{hits: make([]atomic.Int32, n)}
		For(n, c)
		for i := range c.hits {
			if got := c.hits[i].Load(); got != 1 {
				t.Fatalf("n=%d: chunk %d ran %d times", n, i, got)
			}
		}
	}
}

type sum struct {
	data    []float64
	partial []float64
}

func (s *sum) Chunk(i int) {
	lo, hi := Split(len(s.data), len(s.partial), i)
	var acc float64
	for _, v := range s.data[lo:hi] {
		acc += v
	}
	s.partial[i] = acc
}

func TestForDeterministicAndAllocationFree(t *testing.T) {
	s := &sum{data: make([]float64, 10001), partial: make([]float64, 8)}
	for i := range s.data {
		s.data[i] = 1 / float64(i+1)
	}
	total := func() float64 {
		For(len(s.partial), s)
		var t float64
		for _, p := range s.partial {
			t += p
		}
		return t
	}
	want := total()
	SetSerial(true)
	serial := total()
	SetSerial(false)
	if serial != want {
		t.Fatalf("serial %v != parallel %v", serial, want)
	}
	if n := testing.AllocsPerRun(100, func() { For(len(s.partial), s) }); n != 0 {
		t.Errorf("For allocates %v times per call", n)
	}
}

func TestSplitCoversRange(t *testing.T) {
	prev := 0
	for i := 0; i < 7; i++ {
		lo, hi := Split(100, 7, i)
		if lo != prev || hi < lo {
			t.Fatalf("chunk %d = [%d,%d), previous ended at %d", i, lo, hi, prev)
		}
		prev = hi
	}
	if prev != 100 {
		t.Fatalf("chunks end at %d, want 100", prev)
	}
}
