package tui

import (
	"fmt"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// Run actions: the keys that steer a run. Each gets the run it acts on and
// returns what it did, as the note to show ("" for nothing to say). They
// run in Update, so they never block: commands go to the trainer with its
// non-blocking Send. A screen applies one to its focused run, or (compare's
// *) to every run, gathering the notes.

// runAction acts on run rs for key k and says what it did.
type runAction func(rs *runState, k string) (note string)

// steering is the run actions, which the screens' key tables bind
// (m.steer.betaUp). Of the root they need only the clock and the digit
// class of the samples shown, which newSamples and sampleDigit set.
type steering struct{ root *Model }

// send forwards c to rs's trainer; it returns why it could not ("").
func (s *steering) send(rs *runState, c live.Command) (why string) {
	switch {
	case rs.closed:
		return "training has stopped"
	case rs.run.Ctl == nil:
		return "this run is watch-only"
	case !rs.run.Ctl.Send(c):
		return "trainer busy, try again"
	}
	return ""
}

func (s *steering) togglePause(rs *runState, _ string) string {
	return s.send(rs, live.TogglePause{})
}

// currentBeta is rs's β as last asked for, or as the trainer reports it.
func (rs *runState) currentBeta() float64 {
	if rs.beta.live {
		return rs.beta.v
	}
	return rs.snap.Beta
}

// currentLR is rs's learning rate as last asked for, or as reported.
func (rs *runState) currentLR() float64 {
	if rs.lr.live {
		return rs.lr.v
	}
	return rs.snap.LR
}

func (s *steering) setBeta(rs *runState, v float64) string {
	if why := s.send(rs, live.SetBeta{Beta: v}); why != "" {
		return why
	}
	rs.beta = pending{v: v, at: s.root.opts.Now(), live: true}
	note := "β → " + widget.FmtParam(v) + " from the next step"
	if rs.hist.onSchedule {
		note += "; the β schedule is over for this run"
	}
	return note
}

func (s *steering) betaUp(rs *runState, _ string) string {
	return s.setBeta(rs, stepLevel(betaLevels, rs.currentBeta(), +1))
}

func (s *steering) betaDown(rs *runState, _ string) string {
	return s.setBeta(rs, stepLevel(betaLevels, rs.currentBeta(), -1))
}

func (s *steering) setLR(rs *runState, v float64) string {
	if why := s.send(rs, live.SetLR{LR: v}); why != "" {
		return why
	}
	rs.lr = pending{v: v, at: s.root.opts.Now(), live: true}
	return "learning rate → " + widget.FmtParam(v)
}

func (s *steering) lrUp(rs *runState, _ string) string {
	return s.setLR(rs, stepLevel(lrLevels, rs.currentLR(), +1))
}

func (s *steering) lrDown(rs *runState, _ string) string {
	return s.setLR(rs, stepLevel(lrLevels, rs.currentLR(), -1))
}

func (s *steering) saveCheckpoint(rs *runState, _ string) string {
	if !rs.run.Info.Caps.Save {
		return "no --checkpoint FILE given: nothing to save to"
	}
	if why := s.send(rs, live.SaveCheckpoint{}); why != "" {
		return why
	}
	return "saving checkpoint…"
}

// rollback asks the trainer to return to the end of the last finished
// epoch; it pauses there, and the event it sends back says so.
func (s *steering) rollback(rs *runState, _ string) string {
	if why := s.send(rs, live.Rollback{}); why != "" {
		return why
	}
	return "rolling back to " + rs.snap.RollbackPoint.String() + "…"
}

func (s *steering) newSamples(rs *runState, _ string) string {
	s.root.sampleLabel = -1
	if why := s.send(rs, live.NewSamples{Label: -1}); why != "" {
		return why
	}
	return "new samples from the prior"
}

func (s *steering) sampleDigit(rs *runState, k string) string {
	d := int(k[0] - '0')
	if why := s.send(rs, live.NewSamples{Label: d}); why != "" {
		return why
	}
	s.root.sampleLabel = d
	return fmt.Sprintf("new samples of digit %d", d)
}

func (s *steering) newRecon(rs *runState, _ string) string {
	if why := s.send(rs, live.NewReconstructions{}); why != "" {
		return why
	}
	return "new test images"
}
