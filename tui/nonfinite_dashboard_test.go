package tui

import (
	"math"
	"strings"
	"testing"

	"github.com/vaetop/vaetop/live"
)

// badSteps are steps first..last with a NaN loss at nanStep and an
// infinite gradient norm at infStep (0: none).
func badSteps(first, last, nanStep, infStep int) live.Snapshot {
	s := fakeSnapshot(first, last)
	for i := range s.Steps {
		switch int(s.Steps[i].Step) {
		case nanStep:
			s.Steps[i].Loss = math.NaN()
		case infStep:
			s.Steps[i].GradNorm = math.Inf(1)
		}
	}
	return s
}

// titleRow is the frame's line holding name, the pane title.
func titleRow(t *testing.T, frame, name string) string {
	t.Helper()
	for _, l := range strings.Split(frame, "\n") {
		if strings.Contains(l, name) {
			return l
		}
	}
	t.Fatalf("no %q in\n%s", name, frame)
	return ""
}

func TestDashboardMarksNaNLoss(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		m, _ := newTestModel(t, size[0], size[1])
		m.Update(snapshotMsg{snap: badSteps(41, 50, 45, 47), ok: true})
		checkFrame(t, m, size[0], size[1])
		v := frameText(m)
		if !strings.Contains(v, "×") {
			t.Errorf("%dx%d: no NaN marker:\n%s", size[0], size[1], v)
		}
		if row := titleRow(t, v, "loss / step"); !strings.Contains(row, "1 NaN") || strings.Contains(row, "Inf") {
			t.Errorf("%dx%d: loss title %q", size[0], size[1], row)
		}
		if size[0] < 120 {
			continue // compact: no grad or reconstruction chart
		}
		if !strings.Contains(v, "▲") {
			t.Errorf("no +Inf marker on the grad chart:\n%s", v)
		}
		if row := titleRow(t, v, "[KL / step]"); strings.Contains(row, "NaN") || strings.Contains(row, "Inf") {
			t.Errorf("KL title %q counts another chart's values", row)
		}
		// The title row holds the grad chart's and the next pane's title.
		if row := titleRow(t, v, "grad norm "); !strings.Contains(row, "1 Inf") {
			t.Errorf("grad title %q", row)
		}
	}
}

// A NaN test loss is counted in the epoch chart's title.
func TestDashboardEpochChartCountsNaN(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	s := fakeSnapshot(41, 42)
	s.EpochHistory[1].TestLoss = math.NaN()
	m.Update(snapshotMsg{snap: s, ok: true})
	v := frameText(m)
	if row := titleRow(t, v, "[loss / epoch]"); !strings.Contains(row, "1 NaN") {
		t.Errorf("epoch title %q", row)
	}
	if row := titleRow(t, v, "[loss / step]"); strings.Contains(row, "NaN") {
		t.Errorf("step title %q counts the epoch chart's NaN", row)
	}
}

// The compare screen draws the EMA by default, which holds its last finite
// value over a NaN: the raw values it smooths are marked and counted all
// the same, smoothed or not.
func TestCompareMarksNaNLoss(t *testing.T) {
	r := newCompareRig(t, 120, 40)
	r.m.Update(snapshotMsg{run: 1, snap: badSteps(51, 60, 55, 0), ok: true})
	v := frameText(r.m)
	if row := titleRow(t, v, "loss / step"); !strings.Contains(row, "1 NaN") || !strings.Contains(v, "×") {
		t.Errorf("smoothed: loss title %q, or no marker:\n%s", row, v)
	}
	press(r.m, "[", "[", "[", "[", "[")
	v = frameText(r.m)
	if row := titleRow(t, v, "loss / step"); !strings.Contains(row, "1 NaN") || !strings.Contains(row, "raw") {
		t.Errorf("loss title %q", row)
	}
	if !strings.Contains(v, "×") {
		t.Errorf("no NaN marker:\n%s", v)
	}
}
