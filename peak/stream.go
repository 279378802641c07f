package peak

import (
	"math"
	"time"
)

const (
	// evictFactor × LLC is streamed through before each pass. Intel's
	// non-inclusive L3 and AMD's victim L3 do not evict in strict LRU
	// order, so one LLC's worth is not enough to be sure.
	evictFactor = 3
	// evictMax caps the eviction buffer's memory: a VM may report its
	// host's whole L3 (480 MiB here), and a probe inside vaetop bench must
	// not cost a gigabyte and seconds of page faults. 256 MiB still dwarfs
	// the optimiser's 17 MB and any one socket's L3 that a guest shares.
	evictMax = min(256<<20, math.MaxInt/2)
	// block elements of every array are processed in turn, so all the
	// arrays stream concurrently, as in Adam's element loop, while each
	// kernel call is long enough to run at full speed.
	block = 2048
)

// StreamGBs measures the DRAM bandwidth of an optimiser-shaped pass, cold,
// and returns GB/s (1e9 B/s) with the seconds of one pass; (0, 0) on
// invalid arguments.
//
// The pass models Adam's 7 streams (param, grad, m, v read; param, m, v
// written) the way Adam makes them: streams·3/7 of the streams are writes,
// and each write goes back in place to an array that was also read. So
// streams = 7 allocates 4 arrays of n float32, reads all 4 and rewrites 3,
// which is 7 streams of traffic without the read-for-ownership a store to
// a separate, unread array would add. Bytes are counted as streams·n·4.
//
// Before each of reps passes, every worker reads its share of a buffer
// evictFactor × the LLC size (llcBytes), so the arrays start in DRAM and
// each core's private caches are flushed too. threads locked goroutines
// split the arrays into contiguous ranges; the fastest pass is reported.
// Cost: allocating and first touching that buffer dominates (1.4 GiB for
// a 480 MiB LLC: about 2 s on a 2-vCPU KVM guest), plus reps reads of it.
func StreamGBs(n, streams, threads, reps int) (gbs float64, passSeconds float64) {
	if n < 1 || streams < 1 || threads < 1 || reps < 1 {
		return 0, 0
	}
	p := newPass(n, streams)
	best, _ := p.time(threads, reps, evictBuffer(threads))
	sec := best.Seconds()
	return float64(streams) * float64(n) * 4 / sec / 1e9, sec
}

// pass is one optimiser-shaped pass over arrays: the first written are
// updated in place (x = x/2 + 1/2), the rest only read (summed).
type pass struct {
	arrays  [][]float32
	written int
}

// newPass splits streams into reads and writes as StreamGBs describes and
// allocates the arrays, filled with 1, a fixed point of the update (so the
// values stay exact and never denormal).
func newPass(n, streams int) *pass {
	written := streams * 3 / 7
	p := &pass{written: written}
	for range streams - written {
		p.arrays = append(p.arrays, filled(n))
	}
	return p
}

// evictBuffer returns the buffer StreamGBs streams through to evict the
// caches, filled by threads threads: first-touch page faults dominate the
// cost (seconds per GiB in a VM) and proceed in parallel.
func evictBuffer(threads int) []float32 {
	s := make([]float32, min(evictFactor*llcBytes(), evictMax)/4)
	onLockedThreads(threads, func(w int) {
		lo, hi := share(len(s), threads, w)
		axpb(s[lo:hi], 0, 1)
	})
	return s
}

// filled returns n float32 ones. The pages are written, not just
// allocated: reading untouched memory maps the shared zero page, which
// would stream from cache, not DRAM.
func filled(n int) []float32 {
	s := make([]float32, n)
	axpb(s, 0, 1)
	return s
}

// time runs reps cold passes on threads locked threads and returns the
// fastest pass's wall time and the sum of everything read-only read
// (reps·n·(arrays-written) when all is well).
func (p *pass) time(threads, reps int, evict []float32) (best time.Duration, checksum float64) {
	n := len(p.arrays[0])
	spans := make([][]span, reps)
	bars := make([]*barrier, reps)
	for r := range reps {
		spans[r] = make([]span, threads)
		bars[r] = newBarrier(threads)
	}
	sums := make([]float64, threads)
	sinks := make([]float32, threads) // keeps the eviction reads live
	onLockedThreads(threads, func(w int) {
		lo, hi := share(n, threads, w)
		elo, ehi := share(len(evict), threads, w)
		for r := range reps {
			sinks[w] += sum(evict[elo:ehi])
			bars[r].wait()
			start := time.Now()
			sums[w] += p.part(lo, hi)
			spans[r][w] = span{start, time.Now()}
		}
	})
	best = wall(spans[0])
	for _, s := range spans[1:] {
		best = min(best, wall(s))
	}
	for _, s := range sums {
		checksum += s
	}
	return best, checksum
}

// part runs the pass over elements [lo, hi) of every array, block by
// block, and returns the sum of the read-only arrays' elements there.
func (p *pass) part(lo, hi int) float64 {
	total := 0.0
	for b := lo; b < hi; b += block {
		e := min(b+block, hi)
		for i, a := range p.arrays {
			if i < p.written {
				axpb(a[b:e], 0.5, 0.5)
			} else {
				total += float64(sum(a[b:e]))
			}
		}
	}
	return total
}

// share returns worker w's range of n elements split threads ways, with
// boundaries on 16-element (64-byte) lines so no cache line is shared.
func share(n, threads, w int) (lo, hi int) {
	per := (n/threads + 15) &^ 15
	lo, hi = min(w*per, n), min((w+1)*per, n)
	if w == threads-1 {
		hi = n
	}
	return lo, hi
}

// sum returns the sum of s (order unspecified).
func sum(s []float32) float32 {
	k := len(s) &^ 15
	t := sum16(s[:k])
	for _, f := range s[k:] {
		t += f
	}
	return t
}

// axpb sets s[i] = a·s[i] + b.
func axpb(s []float32, a, b float32) {
	k := len(s) &^ 15
	axpb16(s[:k], a, b)
	for i := k; i < len(s); i++ {
		s[i] = a*s[i] + b
	}
}
