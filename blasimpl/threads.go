package blasimpl

import "github.com/vaetop/vaetop/sgemm"

// Threads reports how many threads share the matrix products and the
// parallel passes of a training step.
func Threads() int { return sgemm.Workers() }

// MaxThreads is the most threads SetThreads accepts: the worker pool's
// limit (sgemm), far beyond what a step of this size can use.
const MaxThreads = 256
