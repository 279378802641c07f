package watch

import (
	"math"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/watch/format"
)

// summary is what a list of runs shows about one: its newest step, its
// loss now and at its lowest, whether the writer said it finished, and the
// divergence rule's view of the loss. The loss is the first series seen
// in the loss slot (loss, train_loss, …), else in the test loss slot.
type summary struct {
	lastStep       float64
	have           bool
	lossName       string
	lossSlot       int
	loss, bestLoss float64
	haveLoss       bool // loss is the latest value, maybe NaN or ±Inf
	haveBest       bool // bestLoss is the lowest finite one
	finished       bool
	div            live.Divergence
}

func (s *summary) reset() { *s = summary{} }

// add takes one record (of any part: the first part's loss leads).
func (s *summary) add(rec *format.Record) {
	if !s.have || rec.Step > s.lastStep {
		s.lastStep, s.have = rec.Step, true
	}
	for _, v := range rec.Values {
		if !s.isLoss(v.Name) {
			continue
		}
		s.div.Add(v.V)
		s.loss, s.haveLoss = v.V, true // the latest, NaN included: never hidden
		if live.Finite(v.V) && (!s.haveBest || v.V < s.bestLoss) {
			s.bestLoss, s.haveBest = v.V, true
		}
	}
}

// isLoss reports whether name is the run's loss, choosing it on first
// sight: a loss-slot series displaces a test-loss one chosen before it.
func (s *summary) isLoss(name string) bool {
	if name == s.lossName {
		return true
	}
	slot := live.SeriesSlot(name)
	switch {
	case slot == live.LossSlot && (s.lossName == "" || s.lossSlot != live.LossSlot):
	case slot == live.TestLossSlot && s.lossName == "":
	default:
		return false
	}
	s.lossName, s.lossSlot = name, slot
	s.haveLoss, s.haveBest = false, false
	s.div.Reset()
	return true
}

// into copies the summary into a status.
func (s *summary) into(st *live.FileStatus) {
	st.LastStep, st.LossName = s.lastStep, s.lossName
	st.Loss, st.HaveLoss = s.loss, s.haveLoss
	st.BestLoss = math.NaN()
	if s.haveBest {
		st.BestLoss = s.bestLoss
	}
}
