package peak

import (
	"fmt"
	"testing"
)

func BenchmarkFMA512(b *testing.B) { benchFMA(b, 512) }
func BenchmarkFMA256(b *testing.B) { benchFMA(b, 256) }

// benchFMA times one thread's FMA loop, fmaBatch iterations per op.
func benchFMA(b *testing.B, width int) {
	k, ok := fmaKernelOf(width)
	if !ok {
		b.Skipf("no %d-bit FMA on this CPU or build", width)
	}
	for b.Loop() {
		k.run(fmaBatch, 0.5)
	}
	flops := float64(b.N) * fmaBatch * k.flopsPerIter()
	b.ReportMetric(flops/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// BenchmarkClock times chainBatch·chainLen dependent adds per op.
func BenchmarkClock(b *testing.B) {
	if !haveAddChain {
		b.Skip("clock not measured in this build")
	}
	for b.Loop() {
		addChain(chainBatch, 1)
	}
	b.ReportMetric(float64(b.N)*chainBatch*chainLen/b.Elapsed().Seconds()/1e9, "GHz")
}

// BenchmarkStream times one cold Adam-shaped pass (including its eviction)
// per op and reports the pass alone as GB/s.
func BenchmarkStream(b *testing.B) {
	p := newPass(adamParams, 7)
	evict := evictBuffer(2)
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) {
			var best float64
			for b.Loop() {
				d, _ := p.time(threads, 1, evict)
				if s := d.Seconds(); best == 0 || s < best {
					best = s
				}
			}
			b.ReportMetric(7*adamParams*4/best/1e9, "GB/s")
			b.ReportMetric(best*1e3, "ms/pass")
		})
	}
}
