package peak

import (
	"runtime"
	"testing"
	"time"
)

const probe = 200 * time.Millisecond

// adamParams is the parameter count of vaetop's default model.
const adamParams = 1_091_920

func TestFMAWidth(t *testing.T) {
	flags, _ := cpuinfo()
	if flags == nil && haveAddChain {
		t.Skip("no /proc/cpuinfo flags to compare with")
	}
	gflops, width := FMA(1, 20*time.Millisecond)
	if want := expectedWidth(flags); width != want {
		t.Fatalf("width %d, /proc/cpuinfo says %d", width, want)
	}
	if width == 0 {
		if gflops != 0 {
			t.Fatalf("not measured but %v GFLOP/s", gflops)
		}
		t.Skip("FMA not measured in this build")
	}
}

func TestFMAFigures(t *testing.T) {
	ks := fmaKernels()
	if len(ks) == 0 {
		t.Skip("FMA not measured in this build")
	}
	ghz := ClockGHz(probe)
	t.Logf("clock estimate %.3f GHz", ghz)
	for _, k := range ks {
		for threads := 1; threads <= min(2, runtime.NumCPU()); threads++ {
			checkFMA(t, k, threads, ghz)
		}
	}
}

// checkFMA measures k on threads threads and fails on 0 or an absurd
// FLOP/cycle/core (no x86 core does more than 64 fp32; 200 leaves room
// for a clock estimate gone low on a busy host).
func checkFMA(t *testing.T, k fmaKernel, threads int, ghz float64) float64 {
	t.Helper()
	gflops := fmaRate(k, threads, probe)
	perCycle := gflops / (ghz * float64(threads))
	t.Logf("%d-bit, %d thread(s): %.1f GFLOP/s = %.1f FLOP/cycle/core", k.width, threads, gflops, perCycle)
	if !(gflops > 0) || !(perCycle <= 200) {
		t.Errorf("%d-bit, %d thread(s): implausible %.1f GFLOP/s at %.2f GHz", k.width, threads, gflops, ghz)
	}
	return gflops
}

// TestFMAScaling logs (not fails: the host is shared) how 2 threads scale.
func TestFMAScaling(t *testing.T) {
	gf1, width := FMA(1, probe)
	if width == 0 || runtime.NumCPU() < 2 {
		t.Skip("needs FMA and 2 CPUs")
	}
	gf2, _ := FMA(2, probe)
	if gf1 <= 0 || gf2 <= 0 {
		t.Fatalf("1 thread %.1f, 2 threads %.1f GFLOP/s", gf1, gf2)
	}
	ratio := gf2 / gf1
	t.Logf("%d-bit: 1 thread %.1f, 2 threads %.1f GFLOP/s (%.2fx)", width, gf1, gf2, ratio)
	if ratio < 1.3 {
		t.Logf("2 threads under 1.3x one thread: host busy, or the vCPUs are SMT siblings")
	}
}

func TestClock(t *testing.T) {
	ghz := ClockGHz(probe)
	if !haveAddChain {
		if ghz != 0 {
			t.Fatalf("not measured but %v GHz", ghz)
		}
		t.Skip("clock not measured in this build")
	}
	_, mhz := cpuinfo() // read while this core is still at speed
	if ghz < 0.5 || ghz > 7 {
		t.Fatalf("clock estimate %.3f GHz outside 0.5-7", ghz)
	}
	if mhz == 0 {
		t.Logf("clock estimate %.3f GHz; no cpu MHz to compare", ghz)
		return
	}
	off := ghz/(mhz/1000) - 1
	t.Logf("clock estimate %.3f GHz; /proc/cpuinfo cpu MHz %.0f (%+.0f%%)", ghz, mhz, 100*off)
	switch {
	case nominalMHz():
		t.Logf("no cpufreq in sysfs: %.0f MHz is a fixed nominal figure (turbo runs above it), not compared", mhz)
	case off < -0.25 || off > 0.25:
		t.Errorf("clock estimate %.3f GHz more than 25%% from cpu MHz %.0f", ghz, mhz)
	}
}

func TestStream(t *testing.T) {
	for threads := 1; threads <= min(2, runtime.NumCPU()); threads++ {
		gbs, sec := StreamGBs(adamParams, 7, threads, 3)
		t.Logf("n=%d streams=7 threads=%d: %.1f GB/s, pass %.3f ms", adamParams, threads, gbs, sec*1e3)
		if !(gbs > 0 && gbs < 2000) || !(sec > 0) {
			t.Errorf("threads=%d: implausible %.1f GB/s, %.3g s", threads, gbs, sec)
		}
	}
}

func TestInvalidArgs(t *testing.T) {
	if g, w := FMA(0, time.Millisecond); g != 0 || w != 0 {
		t.Errorf("FMA(0 threads) = %v, %v", g, w)
	}
	for _, a := range [][4]int{{0, 7, 1, 1}, {10, 0, 1, 1}, {10, 7, 0, 1}, {10, 7, 1, 0}} {
		if g, s := StreamGBs(a[0], a[1], a[2], a[3]); g != 0 || s != 0 {
			t.Errorf("StreamGBs%v = %v, %v", a, g, s)
		}
	}
}
