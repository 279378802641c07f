package nn

import (
	"syscall"
	"unsafe"
)

const (
	madvHugepage = 14
	madvCollapse = 25
)

// hugePage is the size of a transparent huge page on x86-64 Linux.
const hugePage = 2 << 20

// hugeFloats returns n zeroed float32s from the Go heap, starting on a
// 2 MB boundary and advised (madvise MADV_HUGEPAGE) to be backed by
// transparent huge pages, so that streaming over them (Adam's seven
// streams of ~4 MB) needs one TLB entry per 2 MB instead of 512. Below one
// huge page it is a plain make. The advice is only advice: with THP
// disabled, or no huge page free, the memory is ordinary pages.
func hugeFloats(n int) []float32 {
	const per = hugePage / 4
	if n < per || !hugeOK {
		return make([]float32, n)
	}
	raw := make([]float32, n+per)
	p := uintptr(unsafe.Pointer(&raw[0]))
	off := 0
	if r := p % hugePage; r != 0 {
		off = int(hugePage-r) / 4
	}
	s := raw[off : off+n : off+n]
	// Advise only the whole huge pages inside s.
	size := n * 4 &^ (hugePage - 1)
	if size > 0 {
		b := unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), size)
		// MADV_HUGEPAGE makes untouched pages fault in as huge pages;
		// MADV_COLLAPSE (Linux 6.1) also turns ones the heap had already
		// touched into huge pages, now. Errors (older kernels, THP off,
		// no free huge page) leave ordinary pages.
		if syscall.Madvise(b, madvHugepage) == nil {
			_ = syscall.Madvise(b, madvCollapse)
		}
	}
	return s
}

// hugeOK turns hugeFloats on (tests compare both).
var hugeOK = true
