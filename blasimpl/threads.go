package blasimpl

import "github.com/vaetop/vaetop/sgemm"

// Threads reports how many threads share the matrix products and the
// parallel passes of a training step.
func Threads() int { return sgemm.Workers() }
