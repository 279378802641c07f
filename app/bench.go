package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/nn"
)

// GEMMName names the matrix-product implementation in use; set by the
// package that installs one.
var GEMMName = blasimpl.Name

// benchMain is `vaetop bench`: it times training steps of the tutorial's
// model on real MNIST and prints throughput, GFLOP/s, allocations and RSS.
func benchMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vaetop bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	steps := fs.Int("steps", 470, "timed training steps (469 make one 60k-image epoch)")
	batch := fs.Int("batch", 128, "batch size")
	threads := fs.Int("threads", 0, "threads (0 = all cores)")
	data := fs.String("data", "", "MNIST directory")
	asJSON := fs.Bool("json", false, "print the figures as one JSON object")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, "usage: vaetop bench [--steps N] [--batch N] [--threads N] [--data DIR] [--json]")
			fmt.Fprintln(stdout, "Times training steps, then probes this machine (FMA peak, clock, the optimiser's DRAM bandwidth) for the epoch's limit.")
			return ExitOK
		}
		fmt.Fprintf(stderr, "vaetop bench: %s\n", oneLine(err))
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "vaetop bench: unexpected argument %q (flags are --name value)\n", fs.Arg(0))
		return ExitUsage
	}
	if *steps < 1 || *batch < 1 || *batch > 60000 || *threads < 0 || *threads > blasimpl.MaxThreads {
		fmt.Fprintf(stderr, "vaetop bench: --steps and --batch must be positive, --threads in 0..%d\n", blasimpl.MaxThreads)
		return ExitUsage
	}
	if *threads > 0 {
		blasimpl.SetThreads(*threads)
	}
	set, err := mnist.OpenContext(context.Background(), mnist.Options{Dir: *data})
	if err != nil {
		fmt.Fprintf(stderr, "vaetop bench: %v\n", err)
		return ExitFailure
	}
	cfg := nn.DefaultConfig()
	v, err := nn.New(cfg, *batch, 1)
	if err != nil {
		fmt.Fprintf(stderr, "vaetop bench: %v\n", err)
		return ExitFailure
	}
	adam := nn.NewAdam(len(v.Params.W), 1e-3)
	x := nn.NewMat(*batch, cfg.Input)
	n := set.Train.Len()
	next := 0
	step := func() {
		if next+*batch > n {
			next = 0
		}
		set.Train.Images.FillRange(x.Data, next, *batch)
		next += *batch
		v.Step(x, nil, 1)
		v.Params.ClipGradNorm(v.Params.GradNorm(), 1e30) // the norm every step, as the trainer
		adam.Update(v.Params.W, v.Params.G)
	}
	for i := 0; i < 10; i++ { // warm-up
		step()
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	for i := 0; i < *steps; i++ {
		step()
	}
	secs := time.Since(start).Seconds()
	runtime.ReadMemStats(&after)
	images := float64(*steps * *batch)
	r := benchResult{Model: cfg.String(), Batch: *batch, Threads: blasimpl.Threads(), GEMM: GEMMName, CPU: cpuName(),
		Steps: *steps, ImagesPerSec: images / secs, EpochSec: 60000 / (images / secs),
		GFLOPs:        v.MatMulFLOPs(*batch) * float64(*steps) / secs / 1e9,
		AllocsPerStep: float64(after.Mallocs-before.Mallocs) / float64(*steps), PeakRSSMB: peakRSSMB()}
	if !*asJSON {
		r.print(stdout)
	}
	r.Split = measureSplit(*steps, step)
	r.Limit = measureLimit(r.Threads, len(v.Params.W), *batch, v.MatMulFLOPs(*batch)/float64(*batch))
	if *asJSON {
		return r.printJSON(stdout, stderr)
	}
	printLimit(stdout, r.Limit, r.EpochSec, r.GFLOPs)
	r.Split.print(stdout)
	return ExitOK
}

// cpuName is the CPU model from /proc/cpuinfo, if readable.
func cpuName() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "model name") {
			if _, v, ok := strings.Cut(line, ":"); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOARCH
}
