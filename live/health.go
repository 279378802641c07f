package live

// Health flags for runs that need a look: a run that stopped growing
// (stalled) and a loss that went non-finite or climbs away from its best
// (diverging). Flags are never actions: vaetop only shows them. The rules
// are pure functions of times and values, tested on synthetic series.

import (
	"math"
	"sort"
	"time"
)

// The health rules' figures.
const (
	// MinStall is the shortest silence that makes a run stalled.
	MinStall = 60 * time.Second
	// StallFactor times the median interval between a file's recent
	// growths is the silence that makes it stalled, when longer than
	// MinStall: a run that logs every 3 minutes is stalled after 15.
	StallFactor = 5
	// recentGrowths is how many intervals the median is taken over.
	recentGrowths = 32

	// SmoothWeight is the weight on the past of the loss's EMA
	// (debiased) that divergence watches.
	SmoothWeight = 0.9
	// RiseMargin: the smoothed loss is diverging once it stays above
	// its running minimum by more than this share of the minimum's
	// magnitude (plus RiseFloor, for a minimum near zero) ...
	RiseMargin = 0.2
	RiseFloor  = 1e-3
	// ... for RisePoints points in a row.
	RisePoints = 20
)

// Growth follows when a file grew and says whether it has stalled.
type Growth struct {
	last      time.Time
	intervals []time.Duration // the recent ones, oldest first
	seen      bool            // it grew while followed (not only before)
}

// Grew records the file's modification time t, at each look: a time
// after the last one is a growth. The first call (first) gives the time
// the file was found with, which counts as its last growth but not as one
// seen while followed.
func (g *Growth) Grew(t time.Time, first bool) {
	if !g.last.IsZero() && t.After(g.last) {
		g.intervals = append(g.intervals, t.Sub(g.last))
		if len(g.intervals) > recentGrowths {
			g.intervals = g.intervals[1:]
		}
	}
	if t.After(g.last) {
		g.seen = g.seen || !first && !g.last.IsZero()
		g.last = t
	}
}

// Threshold is the silence after which the file counts as stalled:
// max(MinStall, StallFactor × the median recent interval).
func (g *Growth) Threshold() time.Duration {
	if len(g.intervals) == 0 {
		return MinStall
	}
	s := append([]time.Duration(nil), g.intervals...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return max(MinStall, StallFactor*s[len(s)/2])
}

// Stalled reports whether the file, last grown at g's last growth, has
// been silent past its threshold at now. A file that never grew while
// followed is not stalled but idle: it had stopped before vaetop came.
func (g *Growth) Stalled(now time.Time) bool {
	return g.seen && now.Sub(g.last) > g.Threshold()
}

// Idle reports whether the file has not grown since before it was found
// and has been silent past the threshold: a finished run, most likely.
func (g *Growth) Idle(now time.Time) bool {
	return !g.seen && !g.last.IsZero() && now.Sub(g.last) > g.Threshold()
}

// Last is the last growth's time.
func (g *Growth) Last() time.Time { return g.last }

// Divergence watches a loss, point by point.
type Divergence struct {
	acc, weight float64 // the debiased EMA's sum and weight
	best        float64 // the smoothed loss's running minimum
	have        bool
	above       int // points in a row above best + margin
	nonFinite   bool
	sinceBad    int // finite points since the last non-finite one
}

// Add takes the next loss value.
func (d *Divergence) Add(v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		d.nonFinite, d.sinceBad = true, 0
		return
	}
	d.sinceBad++
	d.acc = SmoothWeight*d.acc + (1-SmoothWeight)*v
	d.weight = SmoothWeight*d.weight + (1 - SmoothWeight)
	s := d.acc / d.weight
	if !d.have || s < d.best {
		d.best, d.have = s, true
	}
	if s > d.best+RiseMargin*math.Abs(d.best)+RiseFloor {
		d.above++
	} else {
		d.above = 0
	}
}

// Reset forgets everything (the file started over).
func (d *Divergence) Reset() { *d = Divergence{} }

// Diverging reports whether the loss went non-finite (less than
// RisePoints finite points ago: a run that recovers is cleared) or has
// stayed above its best by the margin for RisePoints points; why says
// which.
func (d *Divergence) Diverging() (bool, string) {
	switch {
	case d.nonFinite && d.sinceBad < RisePoints:
		return true, "loss not finite"
	case d.above >= RisePoints:
		return true, "loss rising"
	}
	return false, ""
}
