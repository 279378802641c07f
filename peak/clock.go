package peak

import "time"

const (
	// chainLen dependent adds per addChain iteration. The loop counter is
	// a separate chain the core overlaps with it, so an iteration costs
	// chainLen cycles, not chainLen+2.
	chainLen = 64
	// chainBatch iterations are ~0.1 ms at 2–5 GHz.
	chainBatch = 1 << 12
	// clockSlice is short enough that on a host busy enough to deschedule
	// this thread every few ms some slices still run undisturbed.
	clockSlice = 2 * time.Millisecond
)

// ClockGHz estimates the core clock from a chain of dependent integer adds
// on one locked thread, timed for about d.
//
// Assumption: a register-to-register ADDQ has 1 cycle latency, true of
// every x86 core of the last decade, and the chain is 64 long per loop
// iteration so the loop overhead hides in parallel with it. The addend is
// a loaded register, not an immediate: Golden Cove's renamer folds chains
// of immediate adds and runs them several a cycle (see clock_amd64.s).
//
// d is cut into slices of clockSlice and the fastest slice is reported:
// time taken by other threads or the host only ever slows a slice, so the
// best one is closest to the clock the core actually ran at (with turbo,
// the highest clock seen during d). Error: about 1% (a chain of IMULQ,
// latency 3, agrees within 1.5% on Sapphire Rapids), plus the clock's own
// variation; it reads low only if every slice was disturbed. It is the
// clock of scalar code: under heavy AVX-512 load Intel cores may run
// slower (licence clocks), which this does not see.
func ClockGHz(d time.Duration) float64 {
	if !haveAddChain {
		return 0
	}
	slice := min(d, clockSlice)
	best := 0.0
	onLockedThreads(1, func(int) {
		addChain(chainBatch, 1) // warm-up: leave any idle state first
		end := time.Now().Add(d)
		for first := true; first || time.Now().Before(end); first = false {
			best = max(best, chainRate(slice))
		}
	})
	return best / 1e9
}

// chainRate runs addChain batches for about d and returns adds per second.
func chainRate(d time.Duration) float64 {
	start := time.Now()
	n := 0
	for {
		addChain(chainBatch, 1)
		n += chainBatch
		if el := time.Since(start); el >= d {
			return float64(n*chainLen) / el.Seconds()
		}
	}
}
