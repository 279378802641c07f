package sgemm

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// pool is the persistent set of helper goroutines. One product at a time
// owns it (mu). The owner publishes the product in prob and bumps gen;
// helpers that are spinning see gen change at once, parked ones are woken
// through wake. Helpers join the product through state, claim tasks from
// next, and leave; the owner works on tasks too, then closes the product
// and waits until every helper has left. Which goroutine runs which task
// varies from run to run; each task's arithmetic does not.
type pool struct {
	mu     sync.Mutex
	prob   [2]problem // the products being computed (written under mu)
	split  int64      // tasks of prob[0]; the rest are prob[1]'s
	body   Chunker    // or the loop being run (For), when not nil
	ntasks int64      // tasks in all
	next   atomic.Int64
	gen    atomic.Uint64 // bumped for each product handed to helpers
	// state: helpers inside the product (bits 0-15), helpers wanted (bits
	// 16-31), closed, ownerParked.
	state    atomic.Int64
	sleepers atomic.Int32  // helpers parked (or about to park) on wake
	wake     chan struct{} // tokens for parked helpers
	done     chan struct{} // the last helper out wakes a parked owner
	helpers  int           // helpers started so far (under mu)
	ws       workspace     // the owner's buffers
}

const (
	maxHelpers  = 255
	stateActive = 1<<16 - 1
	stateWant   = 16 // shift
	stateClosed = 1 << 32
	stateParked = 1 << 33
	// defaultSpin is how long idle helpers, and an owner waiting for
	// helpers, spin before parking: long enough to bridge the gap between
	// the products of a training step, short enough not to burn a core
	// when the caller does something else.
	defaultSpin = 200 * time.Microsecond
)

// spinFor is the spin time in use (SetSpin).
var spinFor atomic.Int64

func init() { spinFor.Store(int64(defaultSpin)) }

// SetSpin sets how long idle helpers spin before parking (0: park at once)
// and returns the previous value. A program whose matrix products run in
// another BLAS (OpenBLAS, with its own threads) uses the pool only for For
// loops and should not leave helpers spinning on cores those threads need.
func SetSpin(d time.Duration) time.Duration { return time.Duration(spinFor.Swap(int64(d))) }

var thePool = pool{
	wake: make(chan struct{}, maxHelpers),
	done: make(chan struct{}, 1),
}

// workerCount, when positive, replaces GOMAXPROCS as the worker count.
var workerCount atomic.Int32

// SetWorkers sets how many goroutines (the caller and n-1 helpers) share
// each product and For loop; 0 means GOMAXPROCS. It returns the previous
// setting. Results do not depend on it, except through a BLAS installed
// by the program that splits its work by Workers (blasimpl's OpenBLAS).
func SetWorkers(n int) int { return int(workerCount.Swap(int32(max(n, 0)))) }

// Workers reports how many goroutines share each product and For loop.
func Workers() int { return workers() }

func workers() int {
	if w := workerCount.Load(); w > 0 {
		return int(w)
	}
	return runtime.GOMAXPROCS(0)
}

// spinner bounds a spin-wait by time, checking the clock only now and then.
type spinner struct {
	n, yield int
	start    time.Time
	owner    bool // the pool's owner, waiting for its helpers (finish)
}

// spin pauses briefly and reports whether the caller may keep spinning.
func (s *spinner) spin() bool {
	if s.n == 0 {
		s.start, s.yield = time.Now(), yieldEvery(s.owner)
	}
	s.n++
	cpuPause()
	if s.n%32 != 0 {
		return true
	}
	if s.yield > 0 && s.n%s.yield == 0 {
		runtime.Gosched() // let other goroutines on this P run
	}
	return time.Since(s.start) < time.Duration(spinFor.Load())
}

// yieldEvery is how many pauses a spinner makes between yields (0: it
// never yields).
//
// When the workers hold every P, other goroutines (the dashboard, a helper
// just woken onto a busy P) run only when a spinner yields. An idle helper
// yields often: what runs in its place costs only that helper's share of
// the next product. The owner waiting for its helpers does not: a
// goroutine run in its place would hold up the next product for as long
// as it ran (dashboard in tmux: 98.2-98.8% of headless speed instead of
// 95.9-97.2%).
//
// With a P to spare (the OpenBLAS build) other goroutines have a P of
// their own, and each yield would wake an idle thread to look for work,
// pre-empting a worker; yielding every 1024 pauses instead of 128 halves
// the context switches there. Never yielding, even for the owner, costs
// more than either.
func yieldEvery(owner bool) int {
	switch {
	case workers() < runtime.GOMAXPROCS(0):
		return 1024
	case owner:
		return 0
	}
	return 128
}

func (pl *pool) helper() {
	var ws workspace
	var seen uint64
	for {
		tm := timing.Load()
		var t0 int64
		if tm != nil {
			t0 = Now()
		}
		seen = pl.waitJob(seen)
		if tm != nil {
			tm.Add(PartWait, t0)
		}
		if pl.join() {
			pl.work(&ws)
			pl.leave()
		}
	}
}

// waitJob waits, spinning then parked, until gen differs from seen (or a
// spurious wake-up) and returns the generation seen.
func (pl *pool) waitJob(seen uint64) uint64 {
	var s spinner
	for s.spin() {
		if g := pl.gen.Load(); g != seen {
			return g
		}
	}
	pl.sleepers.Add(1)
	if g := pl.gen.Load(); g != seen {
		pl.sleepers.Add(-1)
		return g
	}
	<-pl.wake
	pl.sleepers.Add(-1)
	return pl.gen.Load()
}

// join enters the current product if it is open and short of helpers.
func (pl *pool) join() bool {
	for {
		s := pl.state.Load()
		if s&stateClosed != 0 || s&stateActive >= s>>stateWant&stateActive {
			return false
		}
		if pl.state.CompareAndSwap(s, s+1) {
			return true
		}
	}
}

// leave exits the product, waking the owner if it is the last out.
func (pl *pool) leave() {
	s := pl.state.Add(-1)
	if s&stateActive == 0 && s&stateParked != 0 {
		pl.done <- struct{}{}
	}
}

// dispatch runs the nt tasks of the current job (pl.prob, or pl.body when
// set) on the caller, which must own the pool, and h helpers; it returns
// when all are done.
func (pl *pool) dispatch(nt, h int, ws *workspace) {
	tm := timing.Load()
	var t0 int64
	if tm != nil {
		tm.regions.v.Add(1)
		t0 = Now()
	}
	for pl.helpers < h {
		go pl.helper()
		pl.helpers++
	}
	pl.ntasks = int64(nt)
	pl.next.Store(0)
	pl.state.Store(int64(h) << stateWant)
	pl.gen.Add(1)
	for i := min(int(pl.sleepers.Load()), h); i > 0; i-- {
		select {
		case pl.wake <- struct{}{}:
		default:
		}
	}
	if tm != nil {
		tm.Add(PartWait, t0)
	}
	pl.work(ws)
	if tm != nil {
		t0 = Now()
	}
	pl.finish()
	if tm != nil {
		tm.Add(PartWait, t0)
	}
}

// work claims and runs tasks of the current job until none are left.
func (pl *pool) work(ws *workspace) {
	body := pl.body
	if body != nil {
		if tm := timing.Load(); tm != nil {
			defer tm.Add(PartLoop, Now())
		}
	}
	for {
		t := pl.next.Add(1) - 1
		if t >= pl.ntasks {
			return
		}
		switch {
		case body != nil:
			body.Chunk(int(t))
		case t < pl.split:
			pl.prob[0].runTask(int(t), ws)
		default:
			pl.prob[1].runTask(int(t-pl.split), ws)
		}
	}
}

// finish closes the product to new helpers and waits for those inside.
func (pl *pool) finish() {
	s := pl.state.Or(stateClosed) | stateClosed
	sp := spinner{owner: true}
	for s&stateActive != 0 {
		if !sp.spin() {
			if pl.state.CompareAndSwap(s, s|stateParked) {
				<-pl.done
				return
			}
		}
		s = pl.state.Load()
	}
}
