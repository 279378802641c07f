package tui

import (
	"math"

	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// series is one per-step metric and its exponential moving average.
type series struct {
	raw, ema []float64
}

// push appends v; alpha is the EMA's weight on the past (0 = no smoothing).
func (s *series) push(v, alpha float64) {
	s.raw = append(s.raw, v)
	s.ema = append(s.ema, nextEMA(s.ema, v, alpha))
}

// nextEMA is the EMA after v given the EMA so far. A NaN or Inf value stays
// in raw (the chart marks it at its edge) but leaves the EMA where it was, so one bad
// step does not poison the smoothed line.
func nextEMA(ema []float64, v, alpha float64) float64 {
	n := len(ema)
	if n == 0 {
		return v
	}
	prev := ema[n-1]
	switch {
	case !live.Finite(v):
		return prev
	case !live.Finite(prev):
		return v
	}
	return alpha*prev + (1-alpha)*v
}

// resmooth recomputes the EMA with a new alpha.
func (s *series) resmooth(alpha float64) {
	s.ema = s.ema[:0]
	for _, v := range s.raw {
		s.ema = append(s.ema, nextEMA(s.ema, v, alpha))
	}
}

// history is everything the step charts draw, accumulated from snapshots.
type history struct {
	steps                []float64 // x axis: global step
	loss, rec, kl, gnorm series
	betaMarks            []widget.Mark // where a command changed β
	markBetas            []float64     // the β from each of betaMarks on
	firstBeta, lastBeta  float64
	// betas is the β in effect at each step, drawn on the KL chart once a
	// schedule has moved it (scheduled).
	betas      []float64
	scheduled  bool
	onSchedule bool // the last step's β came from the schedule
	clipped    int  // steps whose norm exceeded the clip threshold
	epochs     []live.EpochMetric
}

// add appends step metrics (oldest first); clip is the clipping threshold
// (0 = off).
func (h *history) add(ms []live.StepMetric, alpha, clip float64) {
	for _, s := range ms {
		if len(h.steps) > 0 && float64(s.Step) <= h.steps[len(h.steps)-1] {
			continue // already seen (e.g. a replayed history)
		}
		if len(h.steps) == 0 {
			h.firstBeta, h.lastBeta = s.Beta, s.Beta
		} else if s.Beta != h.lastBeta {
			// A schedule changes β every step; only a command's change is
			// marked.
			if !s.BetaScheduled {
				h.betaMarks = append(h.betaMarks, widget.Mark{X: float64(s.Step), Label: "β" + widget.FmtParam(s.Beta)})
				h.markBetas = append(h.markBetas, s.Beta)
			}
			h.lastBeta = s.Beta
		}
		h.steps = append(h.steps, float64(s.Step))
		h.betas = append(h.betas, s.Beta)
		h.scheduled = h.scheduled || s.BetaScheduled
		h.onSchedule = s.BetaScheduled
		h.loss.push(s.Loss, alpha)
		h.rec.push(s.Rec, alpha)
		h.kl.push(s.KL, alpha)
		h.gnorm.push(s.GradNorm, alpha)
		if clip > 0 && s.GradNorm > clip {
			h.clipped++
		}
	}
}

// truncate forgets the steps after step: the trainer rolled back, and the
// steps it trains next reuse their numbers.
func (h *history) truncate(step int64, clip float64) {
	n := len(h.steps)
	for n > 0 && h.steps[n-1] > float64(step) {
		n--
	}
	if n == len(h.steps) {
		return
	}
	h.steps = h.steps[:n]
	h.betas = h.betas[:n]
	for _, s := range []*series{&h.loss, &h.rec, &h.kl, &h.gnorm} {
		s.raw, s.ema = s.raw[:n], s.ema[:n]
	}
	k := len(h.betaMarks)
	for k > 0 && h.betaMarks[k-1].X > float64(step) {
		k--
	}
	h.betaMarks, h.markBetas = h.betaMarks[:k], h.markBetas[:k]
	h.lastBeta = h.firstBeta
	if k > 0 {
		h.lastBeta = h.markBetas[k-1]
	}
	h.clipped = 0
	for _, g := range h.gnorm.raw {
		if clip > 0 && g > clip {
			h.clipped++
		}
	}
}

func (h *history) resmooth(alpha float64) {
	for _, s := range []*series{&h.loss, &h.rec, &h.kl, &h.gnorm} {
		s.resmooth(alpha)
	}
}

// smoothingLevels are the EMA weights `[` and `]` step through.
var smoothingLevels = []float64{0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999}

// stepLevel moves v up (dir>0) or down the ladder, returning the nearest
// level beyond v in that direction (or the end of the ladder).
func stepLevel(levels []float64, v float64, dir int) float64 {
	if dir > 0 {
		for _, l := range levels {
			if l > v*(1+1e-9)+1e-12 {
				return l
			}
		}
		return levels[len(levels)-1]
	}
	for i := len(levels) - 1; i >= 0; i-- {
		if levels[i] < v*(1-1e-9)-1e-12 {
			return levels[i]
		}
	}
	return levels[0]
}

// betaLevels are the β values `b`/`B` step through; 0 makes a plain
// autoencoder, which is a classic thing to try live.
var betaLevels = []float64{0, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75,
	1, 1.5, 2, 3, 4, 5, 7.5, 10, 15, 20, 50, 100}

// lrLevels are the learning rates `<`/`>` step through.
var lrLevels = []float64{1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 0.1}

// betaLine is the β in effect as a dashed line on the KL chart, scaled so
// that the largest β meets the largest smoothed KL (the title says so);
// nil unless a schedule has moved β.
func (h *history) betaLine(st lipgloss.Style) []widget.Line {
	if !h.scheduled || len(h.betas) == 0 {
		return nil
	}
	var bmax, kmax float64
	for i, b := range h.betas {
		bmax = math.Max(bmax, b)
		if v := h.kl.ema[i]; live.Finite(v) {
			kmax = math.Max(kmax, v)
		}
	}
	if bmax <= 0 || kmax <= 0 {
		return nil
	}
	y := make([]float64, len(h.betas))
	for i, b := range h.betas {
		y[i] = b / bmax * kmax
	}
	return []widget.Line{{X: h.steps, Y: y, Style: st, Dashed: true}}
}
