// Package par runs loops over chunks on a pool of long-lived goroutines
// without allocating, for the element-wise work of a training step.
//
// Work is split into chunks whose boundaries the caller fixes (never by the
// number of workers), and any per-chunk partial results are combined by the
// caller in chunk order, so results are bit-identical whatever the thread
// count or scheduling.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Chunker is a loop body: Chunk(i) does chunk i of the work. Pass a pointer
// to a long-lived struct so the call allocates nothing.
type Chunker interface{ Chunk(i int) }

type pool struct {
	mu      sync.Mutex // one For at a time
	workers int
	wake    chan struct{}
	wg      sync.WaitGroup
	body    Chunker
	next    atomic.Int64
	chunks  int64
}

var (
	once    sync.Once
	shared  *pool
	serialF atomic.Bool
)

func get() *pool {
	once.Do(func() {
		n := runtime.GOMAXPROCS(0) - 1
		p := &pool{workers: n, wake: make(chan struct{}, n)}
		for i := 0; i < n; i++ {
			go p.worker()
		}
		shared = p
	})
	return shared
}

func (p *pool) worker() {
	for range p.wake {
		p.drain()
		p.wg.Done()
	}
}

func (p *pool) drain() {
	for {
		i := p.next.Add(1) - 1
		if i >= p.chunks {
			return
		}
		p.body.Chunk(int(i))
	}
}

// For runs body.Chunk(i) for every i in [0, chunks), spread over the pool
// and the calling goroutine, and returns when all are done.
func For(chunks int, body Chunker) {
	if chunks <= 0 {
		return
	}
	p := get()
	helpers := min(p.workers, chunks-1, runtime.GOMAXPROCS(0)-1)
	if helpers <= 0 || serialF.Load() {
		for i := 0; i < chunks; i++ {
			body.Chunk(i)
		}
		return
	}
	p.mu.Lock()
	p.body, p.chunks = body, int64(chunks)
	p.next.Store(0)
	p.wg.Add(helpers)
	for i := 0; i < helpers; i++ {
		p.wake <- struct{}{}
	}
	p.drain()
	p.wg.Wait()
	p.body = nil
	p.mu.Unlock()
}

// Split returns the bounds of chunk i when n items are cut into chunks
// pieces as evenly as possible.
func Split(n, chunks, i int) (lo, hi int) {
	return n * i / chunks, n * (i + 1) / chunks
}

// SetSerial makes For run on the calling goroutine only (for tests).
func SetSerial(on bool) { serialF.Store(on) }
