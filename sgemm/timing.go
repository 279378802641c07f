package sgemm

import (
	"sync/atomic"
	"time"
	_ "unsafe" // go:linkname
)

// Part is one kind of work whose time a Timing adds up.
type Part int

// The parts of a training step's time. Kernel, Pack, Copy, Loop and Wait
// are measured here; Optimizer is reported by the caller's loop bodies
// (nn's Adam) and is a subset of Loop.
const (
	PartKernel    Part = iota // the tile kernels (macro-kernels, edge tiles included)
	PartPack                  // packing blocks of A and B
	PartCopy                  // Cᵀ copies around thin products
	PartLoop                  // chunks of For loops (element-wise passes, optimiser)
	PartOptimizer             // the optimiser's chunks (reported via Add), inside Loop
	PartWait                  // helpers idle (spinning or parked); the owner waking helpers and waiting for them
	NumParts
)

var partNames = [NumParts]string{"kernel", "pack", "copy", "loop", "optimizer", "wait"}

func (p Part) String() string {
	if p < 0 || p >= NumParts {
		return "?"
	}
	return partNames[p]
}

// Timing adds up, over every worker, the time spent in each Part while it
// is installed with StartTiming, and counts the products and the parallel
// regions (products or loops handed to helpers). It is opt-in: when no
// Timing is installed the cost is one atomic pointer load per product,
// task or loop.
type Timing struct {
	ns       [NumParts]padded
	products padded // Sgemm calls that reached the kernels
	regions  padded // products or For loops shared with helpers
	loops    padded // For calls
}

// padded keeps each counter on its own cache line: workers add to them
// concurrently.
type padded struct {
	v atomic.Int64
	_ [56]byte
}

var timing atomic.Pointer[Timing]

// StartTiming installs t (nil uninstalls) and returns the previous one.
// Counts already in t are kept.
func StartTiming(t *Timing) *Timing { return timing.Swap(t) }

// ActiveTiming returns the installed Timing, or nil.
func ActiveTiming() *Timing { return timing.Load() }

// Reset zeroes every count.
func (t *Timing) Reset() {
	for i := range t.ns {
		t.ns[i].v.Store(0)
	}
	t.products.v.Store(0)
	t.regions.v.Store(0)
	t.loops.v.Store(0)
}

// Get returns the time added to part p, summed over workers.
func (t *Timing) Get(p Part) time.Duration { return time.Duration(t.ns[p].v.Load()) }

// Products, Regions and Loops return the counts of Sgemm calls, of
// parallel regions (products or loops run with helpers) and of For calls.
func (t *Timing) Products() int64 { return t.products.v.Load() }

// Regions: see Products.
func (t *Timing) Regions() int64 { return t.regions.v.Load() }

// Loops: see Products.
func (t *Timing) Loops() int64 { return t.loops.v.Load() }

// Add adds the time since start (a Now reading) to part p and returns Now.
func (t *Timing) Add(p Part, start int64) int64 {
	now := Now()
	t.ns[p].v.Add(now - start)
	return now
}

// Now is a monotonic clock reading in nanoseconds, for Add.
func Now() int64 { return nanotime() }

//go:linkname nanotime runtime.nanotime
func nanotime() int64
