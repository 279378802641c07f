package sgemm

// Chunker is a loop body for For: Chunk(i) does chunk i of the work.
type Chunker interface{ Chunk(i int) }

// For runs body.Chunk(i) for every i in [0, chunks) on the GEMM worker pool
// and the calling goroutine, and returns when all are done.
//
// It exists so that the element-wise passes between the products of a
// training step run on the same helpers as the products: the helpers are
// still spinning from the last product, so a loop starts without a wake-up,
// and no second pool competes with them for the cores. Chunks run in any
// order on any worker; callers that need determinism fix the chunk
// boundaries themselves and combine partial results in chunk order.
//
// If another goroutine owns the pool (a product or loop in progress), or
// there is one worker, the chunks run on the caller in order. A body may
// call Sgemm or For; those calls then run on their caller alone.
func For(chunks int, body Chunker) {
	if chunks <= 0 {
		return
	}
	w := min(workers(), maxHelpers+1, chunks)
	pl := &thePool
	if tm := timing.Load(); tm != nil {
		tm.loops.v.Add(1)
	}
	if w <= 1 || !pl.mu.TryLock() {
		if tm := timing.Load(); tm != nil {
			defer tm.Add(PartLoop, Now())
		}
		for i := 0; i < chunks; i++ {
			body.Chunk(i)
		}
		return
	}
	defer pl.mu.Unlock()
	pl.body = body
	pl.dispatch(chunks, w-1, &pl.ws)
	pl.body = nil
}
