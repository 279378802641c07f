package tui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// testLatents describes a dim-unit latent space whose first active units
// carry KL and variance and the rest have collapsed.
func testLatents(dim, active int) *live.Latents {
	l := &live.Latents{Epoch: 4, Dim: dim, Var: make([]float64, dim), KL: make([]float64, dim)}
	for d := 0; d < dim; d++ {
		if d < active {
			l.Var[d], l.KL[d] = 0.5+float64(d)*0.1, 1+float64(d)*0.5
		} else {
			l.Var[d], l.KL[d] = 0.002, 0.001
		}
		l.TestKL += l.KL[d]
	}
	l.Active = live.CountActive(l.Var)
	return l
}

func activeEpochs(n, dim int) []live.EpochMetric {
	var eps []live.EpochMetric
	for e := 1; e <= n; e++ {
		eps = append(eps, live.EpochMetric{Kind: "epoch", Epoch: e, ActiveUnits: max(1, dim-3*e)})
	}
	return eps
}

func TestCollapseMarksUnits(t *testing.T) {
	l := testLatents(8, 5)
	lines := drawCollapse(asciiTheme(), l, activeEpochs(3, 8), 80, 30)
	all := strings.Join(lines, "\n")
	for _, want := range []string{"active 5/8 (var ≥ 0.01)", "test KL", "z1", "z8", "active units per epoch", "epoch 1–3"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "collapsing") {
		t.Errorf("warning with 5 of 8 active:\n%s", all)
	}
	for d := 1; d <= 8; d++ {
		var row string
		for _, ln := range lines {
			if strings.Contains(ln, "z"+strconv.Itoa(d)+" ") {
				row = ln
			}
		}
		mark := "●"
		if d > 5 {
			mark = "○"
		}
		if !strings.Contains(row, mark+" z"+strconv.Itoa(d)) {
			t.Errorf("unit z%d not marked %s: %q", d, mark, row)
		}
	}
	// In colour, inactive units are dim and active ones bright.
	th := widget.NewTheme(fixedRenderer(termenv.TrueColor))
	col := strings.Join(drawCollapse(th, l, nil, 80, 30), "\n")
	if !strings.Contains(col, th.Dim.Render("○")) || !strings.Contains(col, th.KL.Render("●")) {
		t.Errorf("colour marks missing:\n%q", col)
	}
	if !strings.Contains(col, "no finished epoch yet") {
		t.Errorf("no epochs not said:\n%s", ansi.Strip(col))
	}
}

func TestCollapseWarning(t *testing.T) {
	for _, tc := range []struct {
		name      string
		dim, act  int
		h         int
		wantWarn  bool
		wantWords string
	}{
		{"a quarter active", 32, 8, 20, false, ""},
		{"fewer than a quarter", 32, 7, 20, true, "7 of 32 units active"},
		{"all collapsed, short pane", 16, 0, 2, true, "0 of 16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := testLatents(tc.dim, tc.act)
			th := widget.NewTheme(fixedRenderer(termenv.TrueColor))
			lines := drawCollapse(th, l, activeEpochs(5, tc.dim), 120, tc.h)
			all := strings.Join(lines, "\n")
			has := strings.Contains(all, th.Warn.Render("⚠ "+live.Collapse(l.Active, l.Dim, l.TestKL)))
			if tc.wantWarn != has || (tc.wantWarn && !strings.Contains(ansi.Strip(all), tc.wantWords)) {
				t.Errorf("warning shown %v, want %v:\n%s", has, tc.wantWarn, ansi.Strip(all))
			}
		})
	}
}

func TestCollapseNil(t *testing.T) {
	for _, sz := range [][2]int{{80, 20}, {1, 1}, {0, 3}, {10, 0}} {
		lines := drawCollapse(asciiTheme(), nil, activeEpochs(2, 8), sz[0], sz[1])
		if len(lines) != sz[1] {
			t.Fatalf("%v: %d lines", sz, len(lines))
		}
		if sz[0] >= 40 && !strings.Contains(lines[0], "no test pass yet") {
			t.Errorf("nil latents: %q", lines[0])
		}
	}
}

func TestCollapseWidths(t *testing.T) {
	themes := []*widget.Theme{asciiTheme(), widget.NewTheme(fixedRenderer(termenv.TrueColor))}
	for _, th := range themes {
		for _, dim := range []int{1, 2, 10, 64, 300} {
			l := testLatents(dim, dim/3)
			for _, sz := range [][2]int{{30, 8}, {200, 60}, {80, 24}, {12, 3}, {1, 1}, {5, 40}, {60, 1}} {
				for _, n := range []int{0, 1, 50, 400} {
					w, h := sz[0], sz[1]
					lines := drawCollapse(th, l, activeEpochs(n, dim), w, h)
					if len(lines) != h {
						t.Fatalf("dim %d %dx%d: %d lines", dim, w, h, len(lines))
					}
					for i, ln := range lines {
						if lw := lipgloss.Width(ln); lw != w {
							t.Errorf("dim %d %dx%d epochs %d line %d: width %d: %q", dim, w, h, n, i, lw, ln)
						}
					}
				}
			}
		}
	}
}

// TestCollapseManyUnits: with more units than rows fit, the units with the
// most KL show, and a note says how many do not.
func TestCollapseManyUnits(t *testing.T) {
	l := testLatents(64, 40)
	lines := drawCollapse(asciiTheme(), l, nil, 40, 12)
	all := strings.Join(lines, "\n")
	if !strings.Contains(all, "z40 ") || strings.Contains(all, "z64 ") || !strings.Contains(all, "more units") {
		t.Errorf("top units or note missing:\n%s", all)
	}
	// Two columns and a note, and the chart keeps its axis line.
	l16 := testLatents(16, 3)
	mid := drawCollapse(asciiTheme(), l16, activeEpochs(4, 16), 60, 12)
	if all := strings.Join(mid, "\n"); !strings.Contains(all, "more units") || !strings.Contains(mid[11], "epoch 1–4") {
		t.Errorf("note or chart axis lost at 60x12:\n%s", all)
	}
	// Wide, they all fit in columns.
	all = strings.Join(drawCollapse(asciiTheme(), l, nil, 200, 60), "\n")
	for _, z := range []string{"z1 ", "z33 ", "z64 "} {
		if !strings.Contains(all, z) {
			t.Errorf("%s missing at 200x60", z)
		}
	}
	if strings.Contains(all, "more units") {
		t.Error("a note at 200x60")
	}
}

func TestActiveChartThreshold(t *testing.T) {
	eps := []live.EpochMetric{{Epoch: 1, ActiveUnits: 16}, {Epoch: 2, ActiveUnits: 2}}
	th := asciiTheme()
	chart := activeChart(th, eps, 16, 20, 8)
	if len(chart) != 10 {
		t.Fatalf("%d lines", len(chart))
	}
	// Epoch 1 is a full column; epoch 2 short; the threshold row is marked.
	rows := chart[1:9]
	if !strings.Contains(rows[0], "█") {
		t.Errorf("full column missing: %q", rows[0])
	}
	thr := 0
	for _, r := range rows {
		if strings.Contains(r, "╌") {
			thr++
		}
	}
	if thr != 1 {
		t.Errorf("threshold on %d rows:\n%s", thr, strings.Join(chart, "\n"))
	}
	if !strings.Contains(rows[5], " 4┤") {
		t.Errorf("threshold row not labelled 4: %q", rows[5])
	}
}

func BenchmarkDrawCollapse(b *testing.B) {
	l := testLatents(64, 20)
	th := widget.NewTheme(fixedRenderer(termenv.TrueColor))
	eps := activeEpochs(60, 64)
	for i := 0; i < b.N; i++ {
		drawCollapse(th, l, eps, 200, 60)
	}
}

// With 2 units the threshold's label (0.5) is wider than the unit count's:
// every axis row still starts at the same column.
func TestActiveChartAxisAlignedForTwoUnits(t *testing.T) {
	th := widget.NewTheme(fixedRenderer(termenv.Ascii))
	epochs := []live.EpochMetric{{Epoch: 1, ActiveUnits: 2}, {Epoch: 2, ActiveUnits: 1}}
	lines := activeChart(th, epochs, 2, 40, 6)
	col := -1
	for _, l := range lines[1 : len(lines)-1] {
		p := strings.IndexAny(l, "│┤")
		if p < 0 {
			continue
		}
		if c := len([]rune(l[:p])); col < 0 {
			col = c
		} else if c != col {
			t.Fatalf("axis at column %d and %d:\n%s", col, c, strings.Join(lines, "\n"))
		}
	}
	if col < 0 {
		t.Fatal("no axis drawn")
	}
}
