package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui/widget"
)

// compareRig is the compare screen over two fake runs, "beta-1" and
// "beta-4", each with a snapshot in.
type compareRig struct {
	m    *Model
	fake []*fakeRun
	q    []*fakeQuerier
	clk  *testClock
}

func newCompareRig(t *testing.T, w, h int, names ...string) *compareRig {
	t.Helper()
	if len(names) == 0 {
		names = []string{"beta-1", "beta-4"}
	}
	clk := &testClock{t: time.Unix(1700000000, 0)}
	r := &compareRig{clk: clk}
	var runs []live.Run
	for _, n := range names {
		f := newFakeRun()
		info := fakeInfo()
		info.Label, info.TestSize = n, 10000
		q := &fakeQuerier{model: &fakeModel{}}
		runs = append(runs, live.Run{Info: info, Ctl: f, Feed: f, Q: q})
		r.fake, r.q = append(r.fake, f), append(r.q, q)
	}
	r.m = New(runs, Options{Renderer: fixedRenderer(termenv.Ascii), ChartInterval: -1, Now: clk.now, Compare: true})
	r.m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	for i := range runs {
		s := fakeSnapshot(1, 40+10*i)
		s.Beta = float64(1 + 3*i)
		s.Latents = &live.Latents{Dim: 32, Active: 12 - 4*(i%3), TestKL: 20}
		for j := range s.EpochHistory {
			s.EpochHistory[j].TestLoss += float64(10 * i)
		}
		r.m.Update(snapshotMsg{run: i, snap: s, ok: true})
	}
	return r
}

// firstLine is the status's title row (the help line also names *).
func firstLine(m *Model) string { return strings.SplitN(frameText(m), "\n", 2)[0] }

// sentCounts is how many commands each fake run has been sent.
func (r *compareRig) sentCounts() []int {
	out := make([]int, len(r.fake))
	for i, f := range r.fake {
		out[i] = len(f.commands())
	}
	return out
}

// The screen names both runs in the legend and in a line each, with each
// run's own figures, and the charts overlay one line per run.
func TestCompareScreenShowsEveryRun(t *testing.T) {
	r := newCompareRig(t, 120, 40)
	s := frameText(r.m)
	lines := strings.Split(s, "\n")
	for _, want := range []string{"vaetop · compare", "focus beta-1", "loss / step", "KL / step", "BCE / step",
		"loss / epoch", "━ beta-1  ━ beta-4", "test images"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q:\n%s", want, s)
		}
	}
	// The run lines: the focused one marked, each with its own β, test
	// loss and active units.
	if !strings.HasPrefix(lines[1], " ▸ beta-1") || !strings.Contains(lines[1], "z 12/32") || !strings.Contains(lines[1], "β 1 ") ||
		!strings.Contains(lines[1], "test 95.00") {
		t.Errorf("first run's line: %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], "   beta-4") || !strings.Contains(lines[2], "z 8/32") || !strings.Contains(lines[2], "β 4 ") ||
		!strings.Contains(lines[2], "test 105.0") || !strings.Contains(lines[2], "ETA 3m45s") {
		t.Errorf("second run's line: %q", lines[2])
	}
	for _, c := range []*widget.Chart{cmpScreen(r.m).total, cmpScreen(r.m).rec, cmpScreen(r.m).kl} {
		if len(c.Lines()) != 2 || len(c.Lines()[0].X) != 40 || len(c.Lines()[1].X) != 50 {
			t.Fatalf("a step chart has %d lines, want one per run", len(c.Lines()))
		}
	}
	if len(cmpScreen(r.m).epoch.Lines()) != 4 || cmpScreen(r.m).epoch.Lines()[0].Dashed || !cmpScreen(r.m).epoch.Lines()[1].Dashed {
		t.Errorf("epoch chart: %d lines, want train solid and test dashed per run", len(cmpScreen(r.m).epoch.Lines()))
	}
	// Both runs' reconstructions are drawn, under their names.
	if strings.Count(s, "beta-4") < 3 {
		t.Errorf("beta-4 is named %d times (legend, line, digits):\n%s", strings.Count(s, "beta-4"), s)
	}
}

// Keys act on the focused run; after * the next one acts on every run,
// and the status says so until then.
func TestCompareAllRunsKey(t *testing.T) {
	r := newCompareRig(t, 120, 40)
	press(r.m, "B")
	if got := r.sentCounts(); !reflect.DeepEqual(got, []int{1, 0}) {
		t.Fatalf("B sent %v commands, want the focused run's only", got)
	}
	press(r.m, "*")
	if !strings.Contains(firstLine(r.m), "next key: all runs") {
		t.Errorf("* not shown:\n%s", frameText(r.m))
	}
	press(r.m, "b")
	if got := r.sentCounts(); !reflect.DeepEqual(got, []int{2, 1}) {
		t.Fatalf("* b sent %v commands, want one more to each run", got)
	}
	if c := r.fake[1].commands()[0]; !reflect.DeepEqual(c, live.SetBeta{Beta: 3}) {
		t.Errorf("the second run got %#v, want β one step down from its own 4", c)
	}
	s := firstLine(r.m)
	if strings.Contains(s, "next key: all runs") || !strings.Contains(s, "all runs: ") {
		t.Errorf("after the key the prefix is still shown, or no note:\n%s", s)
	}
	press(r.m, " ")
	if got := r.sentCounts(); !reflect.DeepEqual(got, []int{3, 1}) {
		t.Fatalf("space after * b sent %v commands: the prefix lasts one key", got)
	}
	press(r.m, "*", "*", " ") // * twice: back to the focused run
	if got := r.sentCounts(); !reflect.DeepEqual(got, []int{4, 1}) {
		t.Fatalf("* * space sent %v commands", got)
	}
}

// n and p move the focus; the header shows it, and keys follow it.
func TestCompareFocusKey(t *testing.T) {
	r := newCompareRig(t, 120, 40)
	press(r.m, "n")
	s := frameText(r.m)
	lines := strings.Split(s, "\n")
	if cmpScreen(r.m).focused != 1 || r.m.cur != r.m.runs[1] || !strings.Contains(lines[0], "focus beta-4") ||
		!strings.HasPrefix(lines[2], " ▸ beta-4") || strings.HasPrefix(lines[1], " ▸") {
		t.Fatalf("n did not move the focus to beta-4:\n%s", s)
	}
	press(r.m, " ")
	if got := r.sentCounts(); !reflect.DeepEqual(got, []int{0, 1}) {
		t.Fatalf("space sent %v commands, want the focused beta-4's only", got)
	}
	press(r.m, "n") // wraps
	if cmpScreen(r.m).focused != 0 {
		t.Fatalf("n from the last run: focus %d", cmpScreen(r.m).focused)
	}
	press(r.m, "p")
	if cmpScreen(r.m).focused != 1 {
		t.Fatalf("p from the first run: focus %d", cmpScreen(r.m).focused)
	}
	for _, d := range "0123456789" { // the digits are the samples', never the focus
		press(r.m, string(d))
		if cmpScreen(r.m).focused != 1 {
			t.Fatalf("%c moved the focus", d)
		}
	}
}

// r sends every run the same new test images, chosen in range.
func TestCompareNewImagesAreTheSame(t *testing.T) {
	r := newCompareRig(t, 120, 40)
	press(r.m, "r")
	var got [][]int
	for _, f := range r.fake {
		cs := f.commands()
		if len(cs) != 1 {
			t.Fatalf("r sent %d commands to a run", len(cs))
		}
		nr, ok := cs[0].(live.NewReconstructions)
		if !ok {
			t.Fatalf("r sent %#v", cs[0])
		}
		got = append(got, nr.Indices)
	}
	if len(got[0]) != 16 || !reflect.DeepEqual(got[0], got[1]) {
		t.Fatalf("indices %v and %v, want the same 16", got[0], got[1])
	}
	for _, i := range got[0] {
		if i < 0 || i >= 10000 {
			t.Fatalf("index %d out of the test set", i)
		}
	}
	press(r.m, "r")
	if a, b := r.fake[0].commands()[1].(live.NewReconstructions), r.fake[1].commands()[1].(live.NewReconstructions); !reflect.DeepEqual(a, b) || reflect.DeepEqual(a.Indices, got[0]) {
		t.Error("a second r did not pick new images, the same for both")
	}
}

// Every frame is exactly the terminal's size, for two runs and for six,
// with the help open and the all-runs prefix on.
func TestCompareFrameSizes(t *testing.T) {
	six := []string{"a", "bee", "run three", "a rather long run name", "five", "six"}
	for _, names := range [][]string{nil, six} {
		for _, s := range [][2]int{{120, 40}, {80, 24}, {200, 60}, {100, 30}} {
			r := newCompareRig(t, s[0], s[1], names...)
			checkFrame(t, r.m, s[0], s[1])
			press(r.m, "*")
			checkFrame(t, r.m, s[0], s[1])
			press(r.m, "?")
			checkFrame(t, r.m, s[0], s[1])
			press(r.m, "?", "n", "]")
			checkFrame(t, r.m, s[0], s[1])
		}
	}
	// At 80x24 six runs leave room for the focused run's digits only.
	r := newCompareRig(t, 80, 24, six...)
	if s := frameText(r.m); !strings.Contains(s, "focused run only") || !strings.Contains(s, "loss / step") {
		t.Errorf("six runs at 80x24:\n%s", s)
	}
}

// e opens the latent explorer on the focused run; e or esc comes back.
func TestCompareExplorerOnFocusedRun(t *testing.T) {
	r := newCompareRig(t, 120, 40)
	press(r.m, "n", "e")
	if !r.m.onTop(r.m.explorer) || r.m.cur != r.m.runs[1] {
		t.Fatal("e did not open the explorer on the focused run")
	}
	if r.q[1].frozen == 0 || r.q[0].frozen != 0 {
		t.Errorf("frozen models asked of the runs: %d and %d, want the focused one's only", r.q[0].frozen, r.q[1].frozen)
	}
	if !strings.Contains(frameText(r.m), "latent explorer · beta-4") {
		t.Errorf("no explorer:\n%s", frameText(r.m))
	}
	press(r.m, "esc")
	if r.m.onTop(r.m.explorer) || !strings.Contains(frameText(r.m), "vaetop · compare") {
		t.Fatalf("esc did not come back to the compare screen:\n%s", frameText(r.m))
	}
}

// Snapshots redraw the charts at most every ChartInterval, as on the
// dashboard.
func TestCompareChartsRateLimited(t *testing.T) {
	r := newCompareRig(t, 120, 40)
	r.m.opts.ChartInterval = time.Minute
	cmpScreen(r.m).lim.last = r.clk.now()
	r.m.Update(snapshotMsg{run: 1, snap: fakeSnapshot(51, 60), ok: true})
	if len(cmpScreen(r.m).total.Lines()[1].X) != 50 || !cmpScreen(r.m).lim.pending || !cmpScreen(r.m).lim.dirty {
		t.Fatal("a snapshot redrew the charts within the interval")
	}
	r.clk.t = r.clk.t.Add(time.Minute)
	r.m.Update(redrawMsg{})
	if len(cmpScreen(r.m).total.Lines()[1].X) != 60 || cmpScreen(r.m).lim.dirty {
		t.Fatal("the charts did not catch up after the interval")
	}
}

// TestCompareGolden pins the compare screen at 120x40 and 80x24:
//
//	go test ./tui/ -run TestCompareGolden -update
func TestCompareGolden(t *testing.T) {
	for _, s := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(t *testing.T) {
			r := newCompareRig(t, s[0], s[1])
			golden.RequireEqual(t, []byte(frameText(r.m)))
		})
	}
}

// * space makes the runs' states one: all paused when any runs, else all
// running; toggling each would keep a mixed state mixed.
func TestComparePauseAllUnifies(t *testing.T) {
	r := newCompareRig(t, 120, 40)
	s := fakeSnapshot(1, 40)
	s.State = live.Paused
	r.m.Update(snapshotMsg{run: 0, snap: s, ok: true}) // run 0 paused, run 1 running
	press(r.m, "*", " ")
	for i, f := range r.fake {
		cs := f.commands()
		if len(cs) != 1 || cs[0] != live.Command(live.Pause{}) {
			t.Fatalf("run %d got %#v, want one Pause", i, cs)
		}
	}
	for i := range r.fake {
		s := fakeSnapshot(1, 40)
		s.State = live.Paused
		r.m.Update(snapshotMsg{run: i, snap: s, ok: true})
	}
	press(r.m, "*", " ")
	for i, f := range r.fake {
		if cs := f.commands(); len(cs) != 2 || cs[1] != live.Command(live.Resume{}) {
			t.Fatalf("all paused, * space: run %d got %#v, want Resume", i, cs)
		}
	}
}
