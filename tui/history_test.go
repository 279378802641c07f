package tui

import (
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"github.com/vaetop/vaetop/live"
)

func TestSeriesEMASkipsNaN(t *testing.T) {
	var s series
	for _, v := range []float64{10, 20, math.NaN(), 20} {
		s.push(v, 0.5)
	}
	want := []float64{10, 15, 15, 17.5}
	for i, w := range want {
		if s.ema[i] != w {
			t.Fatalf("ema = %v, want %v", s.ema, want)
		}
	}
	s.resmooth(0)
	if s.ema[1] != 20 || len(s.raw) != 4 || !math.IsNaN(s.raw[2]) {
		t.Fatalf("resmooth(0): raw %v ema %v", s.raw, s.ema)
	}
}

func TestHistoryMarksBetaChangesAndSkipsRepeats(t *testing.T) {
	var h history
	ms := []live.StepMetric{
		{Step: 1, Beta: 1, Loss: 3, GradNorm: 5}, {Step: 2, Beta: 1, Loss: 2, GradNorm: 0.5},
		{Step: 3, Beta: 0.5, Loss: 1, GradNorm: 2},
	}
	h.add(ms, 0.9, 1)
	h.add(ms[1:], 0.9, 1) // replayed steps are ignored
	if len(h.steps) != 3 {
		t.Fatalf("steps = %v", h.steps)
	}
	if len(h.betaMarks) != 1 || h.betaMarks[0].X != 3 || h.betaMarks[0].Label != "β0.5" {
		t.Fatalf("marks = %+v", h.betaMarks)
	}
	if h.clipped != 2 {
		t.Fatalf("clipped = %d, want 2", h.clipped)
	}
}

func TestStepLevel(t *testing.T) {
	if got := stepLevel(betaLevels, 1, 1); got != 1.5 {
		t.Errorf("up from 1 = %v", got)
	}
	if got := stepLevel(betaLevels, 1, -1); got != 0.75 {
		t.Errorf("down from 1 = %v", got)
	}
	if got := stepLevel(betaLevels, 0.6, -1); got != 0.5 {
		t.Errorf("down from 0.6 = %v", got)
	}
	if got := stepLevel(betaLevels, 0, -1); got != 0 {
		t.Errorf("down from 0 = %v", got)
	}
	if got := stepLevel(betaLevels, 100, 1); got != 100 {
		t.Errorf("up from top = %v", got)
	}
	if got := stepLevel(smoothingLevels, 0.9, 1); got != 0.95 {
		t.Errorf("smoothing up = %v", got)
	}
}

// A schedule moves β every step; only a command's change gets a mark.
func TestScheduledBetaIsNotMarked(t *testing.T) {
	var h history
	var ms []live.StepMetric
	for i := 1; i <= 10; i++ {
		ms = append(ms, live.StepMetric{Step: int64(i), Beta: float64(i) / 10, BetaScheduled: true})
	}
	ms = append(ms, live.StepMetric{Step: 11, Beta: 0.3}) // a key press
	h.add(ms, 0.9, 0)
	if len(h.betaMarks) != 1 || h.betaMarks[0].X != 11 {
		t.Fatalf("marks %+v, want one at step 11", h.betaMarks)
	}
}

// Under a schedule, β is drawn on the KL chart, its largest value at the
// largest smoothed KL; without one, there is no β line.
func TestBetaLineFollowsTheSchedule(t *testing.T) {
	var h history
	var ms []live.StepMetric
	for i := 1; i <= 10; i++ {
		ms = append(ms, live.StepMetric{Step: int64(i), KL: 20, Beta: float64(i) / 10, BetaScheduled: true})
	}
	h.add(ms, 0, 0)
	l := h.betaLine(lipgloss.NewStyle())
	if len(l) != 1 || !l[0].Dashed || len(l[0].Y) != 10 {
		t.Fatalf("β line %+v", l)
	}
	if l[0].Y[9] != 20 || l[0].Y[4] != 10 {
		t.Fatalf("β line %v, want β/max(β)·20", l[0].Y)
	}
	var plain history
	plain.add([]live.StepMetric{{Step: 1, KL: 3, Beta: 1}, {Step: 2, KL: 3, Beta: 1}}, 0, 0)
	if plain.betaLine(lipgloss.NewStyle()) != nil {
		t.Fatal("a β line without a schedule")
	}
}

func TestBetaKeyEndsTheScheduleSaysSo(t *testing.T) {
	m, f := newTestModel(t, 120, 40)
	s := fakeSnapshot(41, 45)
	for i := range s.Steps {
		s.Steps[i].BetaScheduled = true
	}
	m.Update(snapshotMsg{snap: s, ok: true})
	press(m, "B")
	if len(f.commands()) != 1 || !strings.Contains(frameText(m), "the β schedule is over for this run") {
		t.Fatalf("β up under a schedule:\n%s", frameText(m))
	}
}
