package peak

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// span is one worker's timed interval.
type span struct{ start, end time.Time }

// wall is the time from the earliest start to the latest end of spans.
func wall(spans []span) time.Duration {
	first, last := spans[0].start, spans[0].end
	for _, s := range spans[1:] {
		if s.start.Before(first) {
			first = s.start
		}
		if s.end.After(last) {
			last = s.end
		}
	}
	return last.Sub(first)
}

// onLockedThreads runs body(0..threads-1), each on its own goroutine locked
// to an OS thread, and returns when all have finished. The threads are
// discarded afterwards (no UnlockOSThread), so no other goroutine inherits
// whatever state the probe left behind.
func onLockedThreads(threads int, body func(worker int)) {
	var wg sync.WaitGroup
	wg.Add(threads)
	for w := range threads {
		go func() {
			defer wg.Done()
			runtime.LockOSThread()
			body(w)
		}()
	}
	wg.Wait()
}

// barrier releases its n parties together. It spins rather than parking:
// waking a parked thread takes tens of microseconds, which would skew a
// millisecond-long pass. Single use.
type barrier struct {
	n       int32
	yield   bool // more parties than CPUs or Ps: spinning alone could starve one
	arrived atomic.Int32
}

func newBarrier(n int) *barrier {
	cpus := min(runtime.NumCPU(), runtime.GOMAXPROCS(0))
	return &barrier{n: int32(n), yield: n > cpus}
}

// wait blocks until all n parties have called wait.
func (b *barrier) wait() {
	b.arrived.Add(1)
	for spins := 1; b.arrived.Load() < b.n; spins++ {
		// Yielding a locked thread costs a thread hand-off (tens of µs), so
		// only when a spinner could be holding the CPU or P a late party needs.
		if b.yield && spins%1024 == 0 {
			runtime.Gosched()
		}
	}
}
