package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/nn"
)

// GEMMName names the matrix-product implementation in use; set by the
// package that installs one.
var GEMMName = blasimpl.Name

// benchMain is `vaetop bench`: it times training steps of the tutorial's
// model on real MNIST and prints throughput, GFLOP/s, allocations and RSS,
// then this machine's limits, the epoch's limit and the step's split.
func benchMain(args []string, stdout, stderr io.Writer) int {
	o, code := parseBench(args, stdout, stderr)
	if o == nil {
		return code
	}
	var printed atomic.Bool // the steps' figures are out
	defer exitOnSignal(stderr, &printed)()
	if o.threads > 0 {
		blasimpl.SetThreads(o.threads)
	}
	set, err := mnist.OpenContext(context.Background(), mnist.Options{Dir: o.data})
	if err != nil {
		fmt.Fprintf(stderr, "vaetop bench: %v\n", err)
		return ExitFailure
	}
	cfg := nn.DefaultConfig()
	v, err := nn.New(cfg, o.batch, 1)
	if err != nil {
		fmt.Fprintf(stderr, "vaetop bench: %v\n", err)
		return ExitFailure
	}
	step := benchStep(v, set, o.batch)
	r := timeSteps(v, step, o.steps, o.batch)
	r.Model = cfg.String()
	if !o.json {
		r.print(stdout)
		printed.Store(true)
	}
	r.Split = measureSplit(o.steps, step)
	r.Limit = measureLimit(r.Threads, len(v.Params.W), o.batch, v.MatMulFLOPs(o.batch)/float64(o.batch))
	if o.json {
		return r.printJSON(stdout, stderr)
	}
	printLimit(stdout, r.Limit, r.EpochSec, r.GFLOPs)
	r.Split.print(stdout)
	return ExitOK
}

// benchOptions are vaetop bench's flags.
type benchOptions struct {
	steps, batch, threads int
	data                  string
	json                  bool
}

// parseBench reads the flags; nil means exit with the code (help, usage).
func parseBench(args []string, stdout, stderr io.Writer) (*benchOptions, int) {
	fs := flag.NewFlagSet("vaetop bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o := &benchOptions{}
	fs.IntVar(&o.steps, "steps", 470, "timed training steps (469 make one 60k-image epoch)")
	fs.IntVar(&o.batch, "batch", 128, "batch size")
	fs.IntVar(&o.threads, "threads", 0, "threads (0 = all cores)")
	fs.StringVar(&o.data, "data", "", "MNIST directory")
	fs.BoolVar(&o.json, "json", false, "print the figures as one JSON object")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, "usage: vaetop bench [--steps N] [--batch N] [--threads N] [--data DIR] [--json]")
			fmt.Fprintln(stdout, "Times training steps, then probes this machine (FMA peak, clock, the optimiser's DRAM bandwidth) for the epoch's limit.")
			return nil, ExitOK
		}
		fmt.Fprintf(stderr, "vaetop bench: %s\n", oneLine(err))
		return nil, ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "vaetop bench: unexpected argument %q (flags are --name value)\n", fs.Arg(0))
		return nil, ExitUsage
	}
	if err := checkEmptyPaths(fs); err != nil {
		fmt.Fprintf(stderr, "vaetop bench: %v\n", err)
		return nil, ExitUsage
	}
	for _, c := range []struct {
		name      string
		v, lo, hi int
	}{{"steps", o.steps, 1, maxBenchSteps}, {"batch", o.batch, 1, 60000}, {"threads", o.threads, 0, blasimpl.MaxThreads}} {
		if c.v < c.lo || c.v > c.hi {
			fmt.Fprintf(stderr, "vaetop bench: --%s %d must be in %d..%d\n", c.name, c.v, c.lo, c.hi)
			return nil, ExitUsage
		}
	}
	return o, ExitOK
}

// maxBenchSteps bounds --steps: a million steps are about an hour.
const maxBenchSteps = 1_000_000

// exitOnSignal ends the bench at Ctrl-C, SIGTERM or SIGHUP with one line
// and the signal's exit code: it writes no file, so there is nothing to
// save, and a partial figure would mislead.
func exitOnSignal(stderr io.Writer, printed *atomic.Bool) func() {
	ch := make(chan os.Signal, 1)
	for _, sig := range caughtSignals {
		if !signal.Ignored(sig) {
			signal.Notify(ch, sig)
		}
	}
	go func() {
		if s, ok := <-ch; ok {
			e := signalError{s}
			what := "no figures"
			if printed.Load() {
				what = "stopped before the machine's figures"
			}
			fmt.Fprintf(stderr, "vaetop bench: %v; %s\n", e, what)
			os.Exit(e.exitCode())
		}
	}()
	return func() { signal.Stop(ch) }
}

// benchStep is one training step as the trainer makes it, on the next
// batch of the training set.
func benchStep(v *nn.VAE, set *mnist.Set, batch int) func() {
	adam := nn.NewAdam(len(v.Params.W), 1e-3)
	x := nn.NewMat(batch, v.Cfg.Input)
	n, next := set.Train.Len(), 0
	return func() {
		if next+batch > n {
			next = 0
		}
		set.Train.Images.FillRange(x.Data, next, batch)
		next += batch
		v.Step(x, nil, 1)
		v.Params.ClipGradNorm(v.Params.GradNorm(), 1e30) // the norm every step, as the trainer
		adam.Update(v.Params.W, v.Params.G)
	}
}

// timeSteps warms up, then times steps steps: throughput, GFLOP/s,
// allocations and peak RSS.
func timeSteps(v *nn.VAE, step func(), steps, batch int) benchResult {
	for i := 0; i < 10; i++ { // warm-up
		step()
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	for i := 0; i < steps; i++ {
		step()
	}
	secs := time.Since(start).Seconds()
	runtime.ReadMemStats(&after)
	perSec := float64(steps*batch) / secs
	return benchResult{Batch: batch, Threads: blasimpl.Threads(), GEMM: GEMMName, CPU: cpuName(),
		Steps: steps, ImagesPerSec: perSec, EpochSec: epochImages / perSec,
		GFLOPs:        v.MatMulFLOPs(batch) * float64(steps) / secs / 1e9,
		AllocsPerStep: float64(after.Mallocs-before.Mallocs) / float64(steps), PeakRSSMB: peakRSSMB()}
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
