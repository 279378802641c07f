package app

import (
	"fmt"
	"io"
	"time"

	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/sgemm"
)

// stepSplit is where a training step's time goes: per part, the
// milliseconds a step spends in it summed over the workers, and its share
// of the workers' time (threads × wall).
type stepSplit struct {
	Steps    int         `json:"steps"`
	WallMS   float64     `json:"wall_ms_per_step"`
	Threads  int         `json:"threads"`
	WorkerMS float64     `json:"worker_ms_per_step"`
	Products float64     `json:"products_per_step"`
	Regions  float64     `json:"parallel_regions_per_step"`
	Loops    float64     `json:"loops_per_step"`
	Parts    []splitPart `json:"parts"`
}

type splitPart struct {
	Name  string  `json:"name"`
	MS    float64 `json:"ms_per_step"`
	Share float64 `json:"share"`
}

// measureSplit runs steps more calls of step with sgemm's Timing installed.
// "other" is what no part covers: the caller's serial code between the
// parallel regions (noise, the latent gradient, loading the batch), task
// claiming, and time the OS took the threads away. The parts cost a clock
// reading each, a few microseconds a step.
func measureSplit(steps int, step func()) stepSplit {
	var tm sgemm.Timing
	prev := sgemm.StartTiming(&tm)
	start := time.Now()
	for i := 0; i < steps; i++ {
		step()
	}
	wall := time.Since(start)
	sgemm.StartTiming(prev)
	return splitOf(&tm, steps, wall, blasimpl.Threads())
}

// splitOf reads the parts of tm over steps steps that took wall with
// threads workers.
func splitOf(tm *sgemm.Timing, steps int, wall time.Duration, threads int) stepSplit {
	per := func(d time.Duration) float64 { return d.Seconds() * 1e3 / float64(steps) }
	count := func(n int64) float64 { return float64(n) / float64(steps) }
	s := stepSplit{Steps: steps, WallMS: per(wall), Threads: threads,
		Products: count(tm.Products()), Regions: count(tm.Regions()), Loops: count(tm.Loops())}
	s.WorkerMS = s.WallMS * float64(threads)
	opt := tm.Get(sgemm.PartOptimizer)
	rest := s.WorkerMS
	for _, p := range []struct {
		name string
		d    time.Duration
	}{
		{"products (kernels)", tm.Get(sgemm.PartKernel)},
		{"packing", tm.Get(sgemm.PartPack)},
		{"Cᵀ copies", tm.Get(sgemm.PartCopy)},
		{"optimiser (Adam)", opt},
		{"element-wise passes", max(0, tm.Get(sgemm.PartLoop)-opt)},
		{"waiting (spin, park, sync)", tm.Get(sgemm.PartWait)},
	} {
		ms := per(p.d)
		rest -= ms
		s.Parts = append(s.Parts, splitPart{p.name, ms, ms / s.WorkerMS})
	}
	s.Parts = append(s.Parts, splitPart{"other (serial code, OS)", rest, rest / s.WorkerMS})
	return s
}

// print writes the split, a line per part.
func (s stepSplit) print(w io.Writer) {
	if s.Products == 0 {
		fmt.Fprintf(w, "split: not measured (the products go through %s, which vaetop cannot time)\n", GEMMName)
		return
	}
	fmt.Fprintf(w, "split over %d more steps: %.3f ms/step wall × %d threads = %.3f ms of worker time; %.1f products, %.1f parallel regions, %.1f loops a step\n",
		s.Steps, s.WallMS, s.Threads, s.WorkerMS, s.Products, s.Regions, s.Loops)
	for _, p := range s.Parts {
		fmt.Fprintf(w, "  %-28s %8.3f ms/step %5.1f%%\n", p.Name, p.MS, 100*p.Share)
	}
}
