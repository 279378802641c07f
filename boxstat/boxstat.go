// Package boxstat reads the figures that the users of a shared training
// box check first: this process's CPU use and resident memory, and the
// machine's load and available memory. It reads Linux's /proc; elsewhere
// Sample reports an error and viewers show nothing.
package boxstat

import (
	"os"
	"sync"
	"syscall"
	"time"
)

// Figures are one sample.
type Figures struct {
	CPU      float64 // this process's CPU use since the last sample, % of one core
	RSS      uint64  // this process's resident memory, bytes
	Load1    float64 // the machine's load average over one minute
	MemAvail uint64  // the machine's available memory, bytes
	MemTotal uint64
}

// Sampler takes samples; CPU use is measured between two of them.
type Sampler struct {
	mu      sync.Mutex
	lastCPU time.Duration
	lastAt  time.Time
	proc    string // the /proc directory (tests give another)
}

// New is a sampler of this process and machine.
func New() *Sampler { return &Sampler{proc: "/proc"} }

// Sample reads the figures now. The first sample's CPU use is 0.
func (s *Sampler) Sample() (Figures, error) {
	var f Figures
	var err error
	if f.RSS, err = readFile(s.proc+"/self/statm", parseStatm); err != nil {
		return Figures{}, err
	}
	if f.Load1, err = readFile(s.proc+"/loadavg", parseLoadavg); err != nil {
		return Figures{}, err
	}
	var mem meminfo
	if mem, err = readFile(s.proc+"/meminfo", parseMeminfo); err != nil {
		return Figures{}, err
	}
	f.MemAvail, f.MemTotal = mem.avail, mem.total
	f.CPU = s.cpuSince(cpuTime(), time.Now())
	return f, nil
}

// cpuSince is the CPU use between the last call and now, in % of a core.
func (s *Sampler) cpuSince(cpu time.Duration, now time.Time) float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	pct := 0.0
	if wall := now.Sub(s.lastAt); !s.lastAt.IsZero() && wall > 0 {
		pct = 100 * float64(cpu-s.lastCPU) / float64(wall)
	}
	s.lastCPU, s.lastAt = cpu, now
	return max(0, pct)
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// readFile parses a small /proc file.
func readFile[T any](path string, parse func([]byte) (T, error)) (T, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		var zero T
		return zero, err
	}
	return parse(b)
}
