package tui

import (
	"fmt"
	"strings"

	"github.com/vaetop/vaetop/trainer"
)

// statusView is the header: run state and figures, progress, last epoch.
// It changes with every snapshot, so it sits on rows of its own and the
// terminal only repaints those rows for it.
func (m *Model) statusView() string {
	w, th := m.lay.w, m.theme
	sep := th.Dim.Render(" │ ")
	if !m.haveSnap {
		return strings.Join(fitLines([]string{th.Title.Render(" vaetop") + sep + th.Dim.Render("waiting for the trainer…")}, w, m.lay.header), "\n")
	}
	s := m.snap
	kv := func(k, v string) string { return th.Label.Render(k+" ") + th.Value.Render(v) }
	epoch := fmt.Sprintf("%d/%d", s.Epoch, s.Epochs)
	beta := fmtParam(s.Beta)
	if m.beta.live && m.beta.v != s.Beta {
		beta += " → " + fmtParam(m.beta.v)
	}
	lr := fmtParam(s.LR)
	if m.lr.live && m.lr.v != s.LR {
		lr += " → " + fmtParam(m.lr.v)
	}
	eta := fmtDuration(s.ETA)
	if s.State == trainer.Finished || s.State == trainer.Stopped {
		eta = "done"
	}
	rate := fmt.Sprintf("%.0f", s.ImagesPerSec)
	epochFrac, runFrac := m.progress()
	stepsDone := s.StepInEpoch
	if epochFrac == 1 {
		stepsDone = s.StepsPerEpoch
	}
	last := th.Dim.Render("no epoch finished yet")
	if n := len(s.EpochHistory); n > 0 {
		e := s.EpochHistory[n-1]
		last = th.Label.Render(fmt.Sprintf("last epoch %d: ", e.Epoch)) + kv("train", fmtNum(e.TrainLoss)) + "  " + kv("test", fmtNum(e.TestLoss))
	}
	msg := m.message()

	var rows []string
	if m.lay.mode == full {
		m.epochBar.Width, m.runBar.Width = max(10, w/4), max(10, w/5)
		rows = []string{
			" " + th.Title.Render("vaetop") + sep + m.stateLabel() + sep +
				kv("epoch", epoch) + "  " + kv("step", fmt.Sprint(s.Step)) + sep +
				kv("img/s", rate) + sep + kv("elapsed", fmtDuration(s.Elapsed)) + "  " + kv("ETA", eta) + sep +
				kv("β", beta) + "  " + kv("lr", lr),
			" " + th.Label.Render("epoch ") + m.epochBar.ViewAs(epochFrac) +
				th.Dim.Render(fmt.Sprintf(" %d/%d steps", stepsDone, s.StepsPerEpoch)) +
				"   " + th.Label.Render("run ") + m.runBar.ViewAs(runFrac) + msg,
			" " + last + activeDims(th, s.KLPerDim) + sep + th.Dim.Render(s.Model.String()+clipLabel(s.Clip)) +
				sep + th.Label.Render("data ") + fmt.Sprintf("%s, %d images", s.DataSource, s.TrainSize),
		}
	} else {
		m.epochBar.Width = max(10, w/4)
		rows = []string{
			m.stateLabel() + sep + kv("ep", epoch) + " " + kv("step", fmt.Sprint(s.Step)) + sep +
				kv("β", beta) + " " + kv("lr", lr) + sep + kv("img/s", rate) + " " + kv("ETA", eta),
			th.Label.Render("epoch ") + m.epochBar.ViewAs(epochFrac) + sep + last + msg,
		}
	}
	return strings.Join(fitLines(rows, w, m.lay.header), "\n")
}

// activeDims counts the latent dimensions in use (KL above 0.01 nats per
// image): with a large β the rest collapse onto the prior.
func activeDims(th *theme, kl []float64) string {
	if len(kl) == 0 {
		return ""
	}
	n := 0
	for _, v := range kl {
		if v > 0.01 {
			n++
		}
	}
	return th.Dim.Render(" │ ") + th.Label.Render("active z ") + th.Value.Render(fmt.Sprintf("%d/%d", n, len(kl)))
}

func clipLabel(c float64) string {
	if c <= 0 {
		return ""
	}
	return ", clip " + fmtParam(c)
}

// progress is the fraction of the epoch and of the run done.
func (m *Model) progress() (epoch, run float64) {
	s := m.snap
	if s.State == trainer.Finished || s.Epochs > 0 && len(s.EpochHistory) >= s.Epochs {
		return 1, 1
	}
	if s.StepsPerEpoch > 0 {
		epoch = float64(s.StepInEpoch) / float64(s.StepsPerEpoch)
	}
	if s.Epochs > 0 {
		run = (float64(len(s.EpochHistory)) + epoch) / float64(s.Epochs)
	}
	return epoch, run
}

// stateLabel is the run state, coloured.
func (m *Model) stateLabel() string {
	th := m.theme
	switch {
	case m.runDone && m.runErr != nil:
		return th.Stopped.Render("■ stopped: " + m.runErr.Error())
	case m.closed || m.snap.State == trainer.Stopped:
		return th.Stopped.Render("■ stopped")
	case m.snap.State == trainer.Paused:
		return th.Paused.Render("|| paused")
	case m.snap.State == trainer.Finished:
		return th.Finished.Render("✓ finished")
	}
	return th.Running.Render("▶ running")
}

// message is the UI's own note and the trainer's message, if any.
func (m *Model) message() string {
	th := m.theme
	var parts []string
	if m.note != "" {
		parts = append(parts, th.Note.Render(m.note))
	}
	if msg := m.snap.Message; msg != "" && msg != "paused" && !strings.HasPrefix(msg, "finished") {
		st := th.Note
		if m.snap.State == trainer.Paused {
			st = th.Warn // a pause the user did not ask for (NaN loss)
		}
		parts = append(parts, st.Render(msg))
	}
	if len(parts) == 0 {
		return ""
	}
	return th.Dim.Render(" │ ") + strings.Join(parts, th.Dim.Render(" · "))
}
