package live

import "math"

// Finite reports whether v is a number: a run's figures can be NaN or ±Inf
// (a diverging step, a test loss that overflows), and viewers and
// producers alike must tell.
func Finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
