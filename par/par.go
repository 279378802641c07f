// Package par runs loops over chunks on the process's one worker pool
// without allocating, for the element-wise work of a training step.
//
// The pool is sgemm's: its helpers keep spinning for a moment after each
// matrix product, so a loop issued between two products starts at once,
// and the loops never compete with a second pool for the cores (on a
// 2-core machine an idle-spinning GEMM helper used to hold the core a
// separate par worker needed).
//
// Work is split into chunks whose boundaries the caller fixes (never by the
// number of workers), and any per-chunk partial results are combined by the
// caller in chunk order, so results are bit-identical whatever the thread
// count or scheduling.
package par

import (
	"sync/atomic"

	"github.com/vaetop/vaetop/sgemm"
)

// Chunker is a loop body: Chunk(i) does chunk i of the work. Pass a pointer
// to a long-lived struct so the call allocates nothing.
type Chunker interface{ Chunk(i int) }

var serialF atomic.Bool

// For runs body.Chunk(i) for every i in [0, chunks), spread over the pool
// and the calling goroutine, and returns when all are done. When the pool
// is busy with another goroutine's work, the chunks run on the caller.
func For(chunks int, body Chunker) {
	if chunks <= 0 {
		return
	}
	if serialF.Load() {
		for i := 0; i < chunks; i++ {
			body.Chunk(i)
		}
		return
	}
	sgemm.For(chunks, body)
}

// Split returns the bounds of chunk i when n items are cut into chunks
// pieces as evenly as possible.
func Split(n, chunks, i int) (lo, hi int) {
	return n * i / chunks, n * (i + 1) / chunks
}

// SetSerial makes For run on the calling goroutine only (for tests).
func SetSerial(on bool) { serialF.Store(on) }
