//go:build linux

package nn

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/vaetop/vaetop/par"
)

// The tutorial model's parameter count.
const benchParams = 1091920

func adamBenchSetup(n int) (w, g []float32, a *Adam) {
	w, g = hugeFloats(n), hugeFloats(n)
	rng := NewRNG(3, 1)
	for i := range w {
		w[i] = rng.Normal() * 0.05
		g[i] = rng.Normal() * 1e-3
	}
	return w, g, NewAdam(n, 1e-3)
}

func threadCPU() time.Duration {
	var ts unix.Timespec
	_ = unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts)
	return time.Duration(ts.Nano())
}

// hugeKB is AnonHugePages of this process, in kB.
func hugeKB() string {
	b, _ := os.ReadFile("/proc/self/smaps_rollup")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "AnonHugePages:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "AnonHugePages:"))
		}
	}
	return "?"
}

// adamExp runs Adam (serially, on a locked thread, timed in thread CPU
// time) alone or after a training step, with or without huge pages.
func adamExp(b *testing.B, inStep, cold, huge, serial bool) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	hugeOK = huge
	defer func() { hugeOK = true }()
	var w, g []float32
	var a *Adam
	var v *VAE
	var x Mat
	var labels []uint8
	if inStep {
		var err error
		v, err = New(DefaultConfig(), 128, 1)
		if err != nil {
			b.Fatal(err)
		}
		x, labels = testBatch(NewRNG(1, 1), 128, 784)
		a = NewAdam(len(v.Params.W), 1e-3)
		w, g = v.Params.W, v.Params.G
	} else {
		w, g, a = adamBenchSetup(benchParams)
	}
	junk := make([]float32, 16<<20)
	var cpu, wall time.Duration
	one := func() {
		if inStep {
			v.Step(x, labels, 1)
			v.Params.GradNorm()
		}
		if cold {
			for j := range junk {
				junk[j]++
			}
		}
		par.SetSerial(serial)
		c0, t0 := threadCPU(), time.Now()
		a.Update(w, g)
		cpu += threadCPU() - c0
		wall += time.Since(t0)
		par.SetSerial(false)
	}
	one()
	cpu, wall = 0, 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		one()
	}
	b.ReportMetric(cpu.Seconds()*1e3/float64(b.N), "adam-cpu-ms")
	b.ReportMetric(wall.Seconds()*1e3/float64(b.N), "adam-wall-ms")
	if huge && b.N > 10 {
		b.Logf("AnonHugePages %s", hugeKB())
	}
}

func BenchmarkAdamExp(b *testing.B) {
	for _, inStep := range []bool{false, true} {
		for _, cold := range []bool{false, true} {
			if inStep && cold {
				continue
			}
			for _, huge := range []bool{false, true} {
				for _, serial := range []bool{true, false} {
					name := fmt.Sprintf("step=%v/cold=%v/huge=%v/serial=%v", inStep, cold, huge, serial)
					b.Run(name, func(b *testing.B) { adamExp(b, inStep, cold, huge, serial) })
				}
			}
		}
	}
}
