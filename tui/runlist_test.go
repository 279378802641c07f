package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
)

// hubSource is a run whose producer is a test: a hub and a label.
type hubSource struct {
	hub   *live.Hub
	label string
}

func (h hubSource) Viewer() live.Run {
	return live.Run{Info: live.RunInfo{Label: h.label}, Feed: h.hub.Subscribe()}
}

// listCatalog is a catalog the test grows.
type listCatalog struct{ srcs []live.Source }

func (c *listCatalog) Sources() []live.Source { return c.srcs }

// newListModel is vaetop watch DIR over n runs whose losses are given.
func newListModel(t *testing.T, losses ...float64) (*Model, *listCatalog) {
	t.Helper()
	clk := &testClock{t: time.Unix(1700000000, 0)}
	cat := &listCatalog{}
	for i, l := range losses {
		cat.srcs = append(cat.srcs, publishedRun(clk, fmt.Sprintf("sweep/run%02d", i), l, i))
	}
	var runs []live.Run
	for _, s := range cat.srcs {
		runs = append(runs, s.Viewer())
	}
	m := New(runs, Options{Renderer: fixedRenderer(termenv.Ascii), ChartInterval: -1, Now: clk.now, Watch: true, Catalog: cat})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	for i, rs := range m.runs {
		if s, ok := rs.run.Feed.Next(); ok {
			m.Update(snapshotMsg{run: i, snap: s, ok: true})
		}
	}
	return m, cat
}

// publishedRun is a run with a loss series ending at loss, already published.
func publishedRun(clk *testClock, label string, loss float64, i int) hubSource {
	h := live.NewHub()
	health := live.HealthLive
	if i == 2 {
		health = live.HealthStalled
	}
	st := &live.FileStatus{Path: label + ".jsonl", Format: "jsonl", Exists: true, Updated: clk.t, Lines: 10,
		LastStep: float64(100 + i), LossName: "loss", Loss: loss, BestLoss: loss * 0.9, HaveLoss: true, Health: health}
	if i == 3 {
		st.Diverging = "loss rising"
	}
	h.PublishSeries(&live.Snapshot{State: live.Running, File: st},
		[]live.SeriesPoints{ramp("loss", 10, func(int) float64 { return loss })}, nil)
	return hubSource{hub: h, label: label}
}

// The list shows a row per run with its state and losses, sorts by loss,
// overlays two picked runs, comes back with esc, and takes new runs.
func TestRunListSortPickOverlay(t *testing.T) {
	m, cat := newListModel(t, 0.5, 0.2, 0.9, 0.7)
	checkFrame(t, m, 120, 40)
	sc := frameText(m)
	for _, want := range []string{"4 runs", "3 live", "1 stalled", "1 diverging", "sweep/run00", "⚠ diverging", "0.500", "picked 0/6"} {
		if !strings.Contains(sc, want) {
			t.Errorf("no %q in the list:\n%s", want, sc)
		}
	}
	press(m, "s", "s", "s", "s") // run → format → state → step → loss
	sc = frameText(m)
	if !strings.Contains(sc, "sorted by loss ↑") || strings.Index(sc, "run01") > strings.Index(sc, "run00") ||
		strings.Index(sc, "run00") > strings.Index(sc, "run03") || strings.Index(sc, "run03") > strings.Index(sc, "run02") {
		t.Fatalf("not sorted by loss:\n%s", sc)
	}
	press(m, " ", "j", " ", "enter")
	sc = frameText(m)
	if !strings.Contains(sc, "● sweep/run01") || !strings.Contains(sc, "● sweep/run00") || strings.Contains(sc, "run03") {
		t.Fatalf("the overlay should show run01 and run00 only:\n%s", sc)
	}
	press(m, "esc")
	if sc = frameText(m); !strings.Contains(sc, "picked 2/6") {
		t.Fatalf("esc should come back to the list:\n%s", sc)
	}
	clk := &testClock{t: time.Unix(1700000000, 0)}
	cat.srcs = append(cat.srcs, publishedRun(clk, "sweep/late", 0.1, 9))
	m.Update(catalogMsg{})
	s, _ := m.runs[4].run.Feed.Next()
	m.Update(snapshotMsg{run: 4, snap: s, ok: true})
	if sc = frameText(m); !strings.Contains(sc, "5 runs") || !strings.Contains(sc, "sweep/late") {
		t.Errorf("a new run should join the list:\n%s", sc)
	}
	checkFrame(t, m, 120, 40)
}

// With one run found, its charts show at once; esc lists it.
func TestRunListOneRunOpensCharts(t *testing.T) {
	m, _ := newListModel(t, 0.5)
	if sc := frameText(m); !strings.Contains(sc, "1 chart") || !strings.Contains(sc, "esc/L") {
		t.Fatalf("one run: its charts first:\n%s", sc)
	}
	press(m, "esc")
	if sc := frameText(m); !strings.Contains(sc, "1 run") {
		t.Errorf("esc: the list:\n%s", sc)
	}
}

// The filter keeps the runs whose name matches; the frame fits 80x24.
func TestRunListFilterAndSmall(t *testing.T) {
	m, _ := newListModel(t, 0.5, 0.2, 0.9)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(m, "/", "run0[12]", "enter")
	sc := frameText(m)
	if strings.Contains(sc, "run00") || !strings.Contains(sc, "run01") || !strings.Contains(sc, "run02") {
		t.Errorf("filter run0[12]:\n%s", sc)
	}
	checkFrame(t, m, 80, 24)
}

// A directory with no run yet: the list says it waits, keys work, and the
// first run joins when found.
func TestRunListStartsEmpty(t *testing.T) {
	cat := &listCatalog{}
	clk := &testClock{t: time.Unix(1700000000, 0)}
	m := New(nil, Options{Renderer: fixedRenderer(termenv.Ascii), ChartInterval: -1, Now: clk.now, Watch: true, Catalog: cat})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if sc := frameText(m); !strings.Contains(sc, "0 runs") || !strings.Contains(sc, "waiting for metrics files") {
		t.Fatalf("empty list:\n%s", sc)
	}
	press(m, "?", "?", "j", " ", "enter", "s") // nothing to act on: no panic
	cat.srcs = append(cat.srcs, publishedRun(clk, "first", 0.3, 0))
	m.Update(catalogMsg{})
	s, _ := m.runs[0].run.Feed.Next()
	m.Update(snapshotMsg{run: 0, snap: s, ok: true})
	if sc := frameText(m); !strings.Contains(sc, "1 run") || !strings.Contains(sc, "first") {
		t.Errorf("the first run should join:\n%s", sc)
	}
	checkFrame(t, m, 120, 40)
}

// waitingCatalog waits for a directory that is not there yet.
type waitingCatalog struct{ listCatalog }

func (c *waitingCatalog) Waiting() []string { return []string{"runs/sweep-1"} }

// A list waiting for a directory that does not exist yet names it.
func TestRunListNamesAMissingDirectory(t *testing.T) {
	clk := &testClock{t: time.Unix(1700000000, 0)}
	m := New(nil, Options{Renderer: fixedRenderer(termenv.Ascii), ChartInterval: -1, Now: clk.now, Watch: true, Catalog: &waitingCatalog{}})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	if sc := frameText(m); !strings.Contains(sc, "waiting for runs/sweep-1 to appear (no such directory yet)") {
		t.Fatalf("missing directory not named:\n%s", sc)
	}
}
