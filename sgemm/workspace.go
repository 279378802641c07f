package sgemm

import (
	"sync"
	"unsafe"
)

// workspace holds one worker's packing buffers. Buffers only grow, so after
// the first few calls no allocation happens.
type workspace struct {
	a, b []float32 // packed A block (mc×kc), packed B block (kc×nc)
	tile []float32 // one mr×nr tile for the edges of C
	ct   []float32 // Cᵀ for thin products
}

// floats returns buf resliced to n elements, reallocating it 64-byte
// aligned (the width of a cache line and a zmm register) if too small.
func floats(buf []float32, n int) []float32 {
	if cap(buf) >= n {
		return buf[:n]
	}
	const align = 16 // floats per 64 bytes
	raw := make([]float32, n+align)
	off := 0
	if r := uintptr(unsafe.Pointer(&raw[0])) % 64; r != 0 {
		off = int(64-r) / 4
	}
	return raw[off : off+n : off+n]
}

// floatsCap is floats, but a buffer that must grow is allocated with room
// for max(n, bound) elements at once.
func floatsCap(buf []float32, n, bound int) []float32 {
	if cap(buf) >= n {
		return buf[:n]
	}
	return floats(nil, max(n, bound))[:n]
}

// spare workspaces for callers that run a product on their own goroutine
// while the pool is busy with another caller's product.
var (
	spareMu sync.Mutex
	spare   []*workspace
)

func getSpare() *workspace {
	spareMu.Lock()
	defer spareMu.Unlock()
	if n := len(spare); n > 0 {
		ws := spare[n-1]
		spare = spare[:n-1]
		return ws
	}
	return new(workspace)
}

func putSpare(ws *workspace) {
	spareMu.Lock()
	spare = append(spare, ws)
	spareMu.Unlock()
}
