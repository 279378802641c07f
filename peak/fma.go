package peak

import "time"

// Shape of the FMA loop. Each iteration issues fmaUnroll rounds of one
// VFMADD231PS per accumulator, so fmaPerIter FMAs, of which at most
// fmaChains depend on each other. To keep every FMA port busy a core needs
// latency × ports FMAs in flight: 4 cycles × 2 ports = 8 on Intel since
// Skylake and on Zen 3/4/5 (Zen 2: 5 × 2 = 10). Twelve chains cover up to
// 6 cycles of latency on two ports and still fit AVX2's 16 YMM registers
// beside the multiplier (the 256-bit path must use the same loop).
const (
	fmaChains  = 12
	fmaUnroll  = 2
	fmaPerIter = fmaChains * fmaUnroll

	// fmaBatch iterations take about 0.3–1.2 ms at 2–4 GHz, one or two
	// FMAs a cycle: long enough to make the clock reads between batches
	// negligible, short enough to stop within a few ms of the deadline.
	fmaBatch = 1 << 17
	// fmaWarmBatches run before the barrier: Intel cores start 512-bit
	// work at reduced throughput until the wide units are powered and the
	// licence clock has settled (tens to hundreds of µs).
	fmaWarmBatches = 8
)

// fmaKernel is one FMA throughput loop on width-bit vectors: run(iters)
// executes iters iterations and returns the sum of all accumulator lanes,
// which is iters·fmaPerIter·lanes·x² while the sums stay exact.
type fmaKernel struct {
	width int
	run   func(iters int, x float32) float64
}

// lanes is the number of fp32 lanes per vector.
func (k fmaKernel) lanes() int { return k.width / 32 }

// flopsPerIter counts 2 FLOP (multiply, add) per lane per FMA.
func (k fmaKernel) flopsPerIter() float64 { return float64(2 * fmaPerIter * k.lanes()) }

// FMA measures the fp32 fused multiply-add peak, in GFLOP/s, with the
// widest vectors the kernels use on this CPU: 512-bit (ZMM) where AVX-512F
// is present, else 256-bit (YMM) with FMA3, with fmaChains independent
// accumulator chains per thread, on threads goroutines each locked to an OS
// thread, running together for about d of wall time in all. Width reports 512 or
// 256; (0, 0) means not measured (no such vectors, or threads < 1).
//
// The time is spent in rounds of fmaRound, the fastest kept: on a shared
// machine another process only ever slows a round down, so the best one is
// the closest to what the cores can do.
func FMA(threads int, d time.Duration) (gflops float64, width int) {
	ks := fmaKernels()
	if len(ks) == 0 || threads < 1 {
		return 0, 0
	}
	best := 0.0
	for range max(1, int(d/fmaRound)) {
		best = max(best, fmaRate(ks[0], threads, min(d, fmaRound)))
	}
	return best, ks[0].width
}

// fmaRound is one timed round of FMA.
const fmaRound = 20 * time.Millisecond

// fmaKernelOf returns the kernel of the given width, if this CPU has it.
func fmaKernelOf(width int) (fmaKernel, bool) {
	for _, k := range fmaKernels() {
		if k.width == width {
			return k, true
		}
	}
	return fmaKernel{}, false
}

// fmaRate runs k on threads locked threads for about d and returns GFLOP/s
// over the wall time from the first start to the last finish.
func fmaRate(k fmaKernel, threads int, d time.Duration) float64 {
	spans := make([]span, threads)
	iters := make([]int, threads)
	bar := newBarrier(threads)
	onLockedThreads(threads, func(w int) {
		k.run(fmaWarmBatches*fmaBatch, 0.5)
		bar.wait()
		start := time.Now()
		n := 0
		for n == 0 || time.Since(start) < d {
			k.run(fmaBatch, 0.5)
			n += fmaBatch
		}
		spans[w] = span{start, time.Now()}
		iters[w] = n
	})
	total := 0
	for _, n := range iters {
		total += n
	}
	return float64(total) * k.flopsPerIter() / wall(spans).Seconds() / 1e9
}
