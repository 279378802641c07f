package tui

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
)

// newWatchModel is the watch screen over n files' hubs, sized w×h.
func newWatchModel(t *testing.T, w, h, n int) (*Model, []*live.Hub, *testClock) {
	t.Helper()
	clk := &testClock{t: time.Unix(1700000000, 0)}
	hubs := make([]*live.Hub, n)
	runs := make([]live.Run, n)
	for i := range hubs {
		hubs[i] = live.NewHub()
		runs[i] = live.Run{Info: live.RunInfo{Label: fmt.Sprintf("%c.jsonl", 'a'+i)}, Feed: hubs[i].Subscribe()}
	}
	m := New(runs, Options{Renderer: fixedRenderer(termenv.Ascii), ChartInterval: -1, Now: clk.now, Watch: true})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, hubs, clk
}

// deliver hands every hub's pending snapshot to the model.
func deliver(m *Model, hubs []*live.Hub) {
	for i, rs := range m.runs {
		_ = hubs[i]
		if s, ok := rs.run.Feed.Next(); ok {
			m.Update(snapshotMsg{run: i, snap: s, ok: true})
		}
	}
}

func fileSnap(clk *testClock, lines int64) *live.Snapshot {
	return &live.Snapshot{State: live.Running, File: &live.FileStatus{Path: "a.jsonl", Format: "jsonl", Exists: true,
		Updated: clk.t.Add(-12 * time.Second), Lines: lines, Skipped: 2}}
}

func ramp(name string, n int, f func(i int) float64) live.SeriesPoints {
	sp := live.SeriesPoints{Name: name}
	for i := 1; i <= n; i++ {
		sp.Points = append(sp.Points, live.Point{Step: float64(i * 10), V: f(i)})
	}
	return sp
}

// The grid shows a chart per series, the VAE ones first under their usual
// names, and the status says the file's format, age, lines, skipped lines
// and latest loss; every frame is exactly the terminal's size.
func TestWatchGridAndStatus(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		m, hubs, clk := newWatchModel(t, size[0], size[1], 1)
		hubs[0].PublishSeries(fileSnap(clk, 300), []live.SeriesPoints{
			ramp("zeta", 30, func(i int) float64 { return float64(i) }),
			ramp("kl", 30, func(i int) float64 { return 3 }),
			ramp("train_loss", 30, func(i int) float64 { return 100 / float64(i) }),
		}, nil)
		deliver(m, hubs)
		checkFrame(t, m, size[0], size[1])
		sc := frameText(m)
		for _, want := range []string{"3 charts", "jsonl", "updated 12 s ago", "300 lines", "2 skipped", "train_loss 3.333", "loss (train_loss)", "KL (kl)", "zeta"} {
			if !strings.Contains(sc, want) {
				t.Errorf("%v: no %q on screen:\n%s", size, want, sc)
			}
		}
		if i, j := strings.Index(sc, "loss (train_loss)"), strings.Index(sc, "zeta"); i > j {
			t.Errorf("%v: the loss chart should come before zeta", size)
		}
	}
}

// A file not there yet is waited for, and the screen says so.
func TestWatchWaitsForFile(t *testing.T) {
	m, hubs, _ := newWatchModel(t, 80, 24, 1)
	hubs[0].PublishSeries(&live.Snapshot{File: &live.FileStatus{Path: "runs/a.jsonl"}}, nil, nil)
	deliver(m, hubs)
	if sc := frameText(m); !strings.Contains(sc, "waiting for a.jsonl to appear") || !strings.Contains(sc, "waiting for runs/a.jsonl to appear…") {
		t.Errorf("no waiting message:\n%s", sc)
	}
}

// / filters by substring or regexp; v pairs train and eval series; the
// chart title counts non-finite values; a reset starts the charts over.
func TestWatchFilterPairNaNAndReset(t *testing.T) {
	m, hubs, clk := newWatchModel(t, 120, 40, 1)
	loss := ramp("loss", 50, func(i int) float64 { return 1 / float64(i) })
	loss.Points[20].V = math.NaN()
	loss.Points[30].V = math.Inf(1)
	hubs[0].PublishSeries(fileSnap(clk, 50), []live.SeriesPoints{loss,
		ramp("val_loss", 5, func(i int) float64 { return 2 }),
		ramp("grad_norm", 50, func(i int) float64 { return 5 })}, nil)
	deliver(m, hubs)
	sc := frameText(m)
	if !strings.Contains(sc, "2 NaN/Inf") || !strings.Contains(sc, "3 charts") {
		t.Fatalf("want 3 charts and the loss chart's count of 2 NaN/Inf:\n%s", sc)
	}
	press(m, "v")
	if sc = frameText(m); !strings.Contains(sc, "2 charts") || !strings.Contains(sc, "┄ val_loss") {
		t.Errorf("v should fold val_loss into the loss chart:\n%s", sc)
	}
	press(m, "/")
	press(m, "^grad")
	press(m, "enter")
	if sc = frameText(m); !strings.Contains(sc, "1 chart") || strings.Contains(sc, "test loss") || !strings.Contains(sc, "grad norm") {
		t.Errorf("the filter ^grad should leave the grad norm chart alone:\n%s", sc)
	}
	press(m, "/", "enter") // an empty filter shows all again
	press(m, "v")
	hubs[0].ResetSeries()
	hubs[0].PublishSeries(fileSnap(clk, 1), []live.SeriesPoints{ramp("acc", 1, func(int) float64 { return 0.5 })}, nil)
	deliver(m, hubs)
	if sc = frameText(m); !strings.Contains(sc, "1 chart") || !strings.Contains(sc, "acc") || strings.Contains(sc, "grad norm") {
		t.Errorf("after a reset only the new series should show:\n%s", sc)
	}
}

// Several files overlay in one colour each, with a status line each, and
// many series page.
func TestWatchManyFilesAndPages(t *testing.T) {
	m, hubs, clk := newWatchModel(t, 80, 24, 3)
	for _, h := range hubs {
		var ss []live.SeriesPoints
		for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
			ss = append(ss, ramp(name, 10, func(i int) float64 { return float64(i) }))
		}
		h.PublishSeries(fileSnap(clk, 10), ss, nil)
	}
	deliver(m, hubs)
	checkFrame(t, m, 80, 24)
	sc := frameText(m)
	for _, want := range []string{"● a.jsonl", "● b.jsonl", "● c.jsonl", "page 1/"} {
		if !strings.Contains(sc, want) {
			t.Errorf("no %q:\n%s", want, sc)
		}
	}
	press(m, "J")
	if sc = frameText(m); !strings.Contains(sc, "page 2/") {
		t.Errorf("J should turn the page:\n%s", sc)
	}
	checkFrame(t, m, 80, 24)
}

func TestPlanCharts(t *testing.T) {
	names := []string{"z", "val_loss", "eval_acc", "acc", "train_loss", "train/kl", "val/kl", "grad_norm"}
	got := planCharts(names, seriesFilter{}, true)
	var leads []string
	for _, s := range got {
		leads = append(leads, s.lead+"+"+s.partner)
	}
	want := "train_loss+val_loss train/kl+val/kl grad_norm+ acc+eval_acc z+"
	if strings.Join(leads, " ") != want {
		t.Errorf("paired plan %q, want %q", strings.Join(leads, " "), want)
	}
	if got := planCharts(names, newSeriesFilter("kl|acc"), false); len(got) != 4 {
		t.Errorf("filter kl|acc: %v", got)
	}
	if got := planCharts(names, newSeriesFilter("loss("), false); len(got) != 0 {
		t.Errorf("an invalid regexp is a substring: %v", got)
	}
}

// The smoothed line is debiased: a constant series is itself from its
// first point, and a step down is followed at once, not dragged by the
// first value.
func TestSeriesSmoothedDebiased(t *testing.T) {
	e := &seriesEntry{buf: live.NewSeriesBuf(100)}
	e.buf.Append([]live.Point{{Step: 1, V: 5}, {Step: 2, V: 5}, {Step: 3, V: math.NaN()}, {Step: 4, V: 5}, {Step: 1, V: 9}})
	got := e.smoothed(0.9)
	for i, want := range []float64{5, 5, 5, 5, 9} {
		if math.Abs(got[i]-want) > 1e-12 {
			t.Errorf("point %d: %v, want %v (all %v)", i, got[i], want, got)
		}
	}
}

// More files than status rows: the rest share one legend line, each in
// its colour, ⚠ on one that needs a look; ? shows the keys.
func TestWatchLegendAndHelp(t *testing.T) {
	m, hubs, clk := newWatchModel(t, 120, 40, 7)
	for i, h := range hubs {
		st := fileSnap(clk, 10)
		st.File.Skipped = 0
		if i == 6 {
			st.File.Health = live.HealthStalled
		}
		h.PublishSeries(st, []live.SeriesPoints{ramp("loss", 10, func(i int) float64 { return float64(i) })}, nil)
	}
	deliver(m, hubs)
	sc := frameText(m)
	for _, want := range []string{"● a.jsonl", "● c.jsonl", "● d.jsonl ● e.jsonl ● f.jsonl ● g.jsonl ⚠"} {
		if !strings.Contains(sc, want) {
			t.Errorf("no %q:\n%s", want, sc)
		}
	}
	checkFrame(t, m, 120, 40)
	press(m, "?")
	if sc = frameText(m); !strings.Contains(sc, "pair train and eval series") || !strings.Contains(sc, "zoom in") {
		t.Errorf("? should list every key:\n%s", sc)
	}
	checkFrame(t, m, 120, 40)
}

// log-Y on a series with nothing above 0 says so and keeps the scale.
func TestWatchLogNeedsPositiveValues(t *testing.T) {
	m, hubs, clk := newWatchModel(t, 120, 40, 1)
	hubs[0].PublishSeries(fileSnap(clk, 10), []live.SeriesPoints{ramp("z", 10, func(i int) float64 { return -float64(i) })}, nil)
	deliver(m, hubs)
	press(m, "l")
	if sc := frameText(m); !strings.Contains(sc, "no value above 0") || strings.Contains(sc, "[log]") {
		t.Errorf("log on a negative series:\n%s", sc)
	}
}

// A followed file that is deleted says so, keeps its charts, and is
// "deleted" in the list of runs.
func TestWatchDeletedFile(t *testing.T) {
	m, hubs, clk := newWatchModel(t, 80, 24, 1)
	st := fileSnap(clk, 40)
	st.File.Exists, st.File.Deleted = false, true
	hubs[0].PublishSeries(st, []live.SeriesPoints{ramp("loss", 30, func(i int) float64 { return 100 / float64(i) })}, nil)
	deliver(m, hubs)
	sc := frameText(m)
	if !strings.Contains(sc, "a.jsonl is gone (deleted or moved): showing the 40 lines read") || !strings.Contains(sc, "loss") {
		t.Errorf("deleted file:\n%s", sc)
	}
	if strings.Contains(sc, "waiting for") {
		t.Errorf("a deleted file is not waited for:\n%s", sc)
	}
	if got := stateText(m.runs[0]); got != "deleted" {
		t.Errorf("list state %q, want deleted", got)
	}
	checkFrame(t, m, 80, 24)
}

// A file that cannot be read says why, and is not said to be awaited.
func TestWatchFileErrorIsNotWaiting(t *testing.T) {
	m, hubs, _ := newWatchModel(t, 80, 24, 1)
	hubs[0].PublishSeries(&live.Snapshot{File: &live.FileStatus{Path: "runs/ff", Err: "not a regular file (a named pipe (FIFO))"}}, nil, nil)
	deliver(m, hubs)
	sc := frameText(m)
	if strings.Contains(sc, "waiting for") || !strings.Contains(sc, "not a regular file (a named pipe (FIFO))") {
		t.Errorf("an unreadable file:\n%s", sc)
	}
}
