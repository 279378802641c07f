package app

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"runtime/trace"
)

// startProfiles starts the profiles that the environment asks for, for
// finding where a real run's time goes (in tmux, say, where a benchmark
// cannot reach):
//
//	VAETOP_CPUPROFILE=cpu.pprof  a CPU profile (go tool pprof)
//	VAETOP_TRACE=run.trace       an execution trace (go tool trace)
//
// The returned function stops them and closes the files; call it before
// exiting. A file that cannot be made is told on stderr and skipped.
func startProfiles(stderr io.Writer) (stop func()) {
	var stops []func()
	start := func(env string, begin func(io.Writer) error, end func()) {
		path := os.Getenv(env)
		if path == "" {
			return
		}
		f, err := os.Create(path)
		if err == nil {
			if err = begin(f); err != nil {
				f.Close()
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "vaetop: %s: %v\n", env, err)
			return
		}
		stops = append(stops, func() { end(); f.Close() })
	}
	start("VAETOP_CPUPROFILE", pprof.StartCPUProfile, pprof.StopCPUProfile)
	start("VAETOP_TRACE", trace.Start, trace.Stop)
	return func() {
		for _, s := range stops {
			s()
		}
	}
}
