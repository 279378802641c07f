//go:build linux

package nn

import (
	"runtime"

	"github.com/vaetop/vaetop/par"
	"syscall"
	"testing"
	"unsafe"
)

// mmapHuge maps fresh anonymous memory for n floats, 2 MB aligned and, with
// advise, advised MADV_HUGEPAGE before first touch (unmapped at cleanup).
func mmapHuge(t testing.TB, n int, advise bool) []float32 {
	size := (n*4 + hugePage - 1) &^ (hugePage - 1)
	b, err := syscall.Mmap(-1, 0, size+hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	off := 0
	if r := uintptr(unsafe.Pointer(&b[0])) % hugePage; r != 0 {
		off = int(hugePage - r)
	}
	all := b
	t.Cleanup(func() { _ = syscall.Munmap(all) })
	b = b[off : off+size]
	if advise {
		if err := syscall.Madvise(b, 14); err != nil {
			t.Fatal(err)
		}
	}
	return unsafe.Slice((*float32)(unsafe.Pointer(&b[0])), n)
}

var adamExpSerial bool

func BenchmarkAdamMmapSerial(b *testing.B) {
	adamExpSerial = true
	defer func() { adamExpSerial = false }()
	BenchmarkAdamMmap(b)
}

func BenchmarkAdamMmap(b *testing.B) {
	for _, advise := range []bool{false, true} {
		for _, cold := range []bool{false, true} {
			name := "4k"
			if advise {
				name = "2M"
			}
			if cold {
				name += "/cold"
			}
			b.Run(name, func(b *testing.B) {
				n := benchParams
				w, g := mmapHuge(b, n, advise), mmapHuge(b, n, advise)
				rng := NewRNG(3, 1)
				for i := range w {
					w[i] = rng.Normal() * 0.05
					g[i] = rng.Normal() * 1e-3
				}
				a := NewAdam(n, 1e-3)
				a.M, a.V = mmapHuge(b, n, advise), mmapHuge(b, n, advise)
				junk := make([]float32, 16<<20)
				adamSerialCPU(b, func() {
					if cold {
						for j := range junk {
							junk[j]++
						}
					}
				}, func() { a.Update(w, g) })
				if b.N > 1 {
					b.Logf("AnonHugePages %s", hugeKB())
				}
			})
		}
	}
}

func adamSerialCPU(b *testing.B, before, update func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if adamExpSerial {
		par.SetSerial(true)
		defer par.SetSerial(false)
	}
	var cpu = threadCPU() * 0
	before()
	update()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		before()
		c0 := threadCPU()
		update()
		cpu += threadCPU() - c0
	}
	b.ReportMetric(cpu.Seconds()*1e3/float64(b.N), "adam-cpu-ms")
}
