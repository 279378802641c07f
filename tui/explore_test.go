package tui

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/vaetop/vaetop/live"
)

func openRig(t *testing.T, w, h int) *explorerRig {
	t.Helper()
	r := newExplorerRig(t, w, h, Options{}, fakeInfo())
	r.press("e")
	if !r.m.onTop(r.m.explorer) {
		t.Fatal("e did not open the explorer")
	}
	return r
}

func TestExplorerOpensAndCloses(t *testing.T) {
	r := newExplorerRig(t, 120, 40, Options{}, fakeInfo())
	if r.m.onTop(r.m.explorer) || strings.Contains(frameText(r.m), "interpolation") {
		t.Fatal("the dashboard starts in the explorer")
	}
	frozen := r.q.frozen
	r.press("e")
	s := frameText(r.m)
	for _, want := range []string{"latent explorer", "traversal", "interpolation", "map", "collapse", "e/esc"} {
		if !strings.Contains(s, want) {
			t.Errorf("explorer lacks %q:\n%s", want, s)
		}
	}
	if r.q.frozen <= frozen {
		t.Error("opening did not ask for a frozen model")
	}
	// Every snapshot while open asks again (the producer keeps copies coming).
	frozen = r.q.frozen
	r.settle(r.update(snapshotMsg{snap: r.snap, ok: true}))
	if r.q.frozen != frozen+1 {
		t.Errorf("a snapshot asked Frozen %d times, want 1", r.q.frozen-frozen)
	}
	r.press("esc")
	if r.m.onTop(r.m.explorer) || !strings.Contains(frameText(r.m), "loss / step") {
		t.Fatalf("esc did not go back:\n%s", frameText(r.m))
	}
	frozen = r.q.frozen
	r.settle(r.update(snapshotMsg{snap: r.snap, ok: true}))
	if r.q.frozen != frozen {
		t.Error("the dashboard asks for frozen models with the explorer closed")
	}
	r.press("e", "e")
	if r.m.onTop(r.m.explorer) {
		t.Fatal("e did not go back")
	}
}

func TestExplorerTabCycles(t *testing.T) {
	r := openRig(t, 120, 40)
	var got []exPane
	for i := 0; i < 4; i++ {
		r.press("tab")
		got = append(got, r.m.explorer.ex.focus)
	}
	if fmt.Sprint(got) != fmt.Sprint([]exPane{interpPane, mapPane, collapsePane, travPane}) {
		t.Fatalf("tab went %v", got)
	}
	r.press("shift+tab")
	if r.m.explorer.ex.focus != collapsePane {
		t.Fatalf("shift+tab went to %v", r.m.explorer.ex.focus)
	}
}

// The training keys act on the run from the explorer too.
func TestExplorerTrainingKeys(t *testing.T) {
	r := openRig(t, 120, 40)
	r.press(" ", "B", "<")
	cmds := r.ctl.commands()
	if len(cmds) != 3 {
		t.Fatalf("sent %v", cmds)
	}
	want := []string{"live.TogglePause", "live.SetBeta", "live.SetLR"}
	for i, c := range cmds {
		if got := fmt.Sprintf("%T", c); got != want[i] {
			t.Errorf("command %d is %s, want %s", i, got, want[i])
		}
	}
}

// bigDigit is the traversal's large digit as drawn.
func bigDigit(r *explorerRig) string {
	p := r.m.explorer.exTravPlan()
	return strings.Join(r.m.explorer.painter().digit(travPane, 0, p.big), "\n")
}

func TestExplorerTraversalMovesDigit(t *testing.T) {
	r := openRig(t, 120, 40)
	e := &r.m.explorer.ex
	if e.dim != 0 || e.slots[travPane].got == nil {
		t.Fatalf("traversal not decoded: dim %d, answer %v", e.dim, e.slots[travPane].got)
	}
	r.press("z") // from z = 0: z0's value is 0
	before, v0 := bigDigit(r), e.value
	r.press("right")
	after := bigDigit(r)
	if e.value != snapValue(v0, 1) || after == before {
		t.Fatalf("→ moved z0 from %v to %v; digit changed: %v", v0, e.value, after != before)
	}
	// The new digit is on screen, beside the list of dimensions.
	line := strings.Split(after, "\n")[3]
	if !strings.Contains(frameText(r.m), line) {
		t.Errorf("the decoded digit is not on screen:\n%s", frameText(r.m))
	}
	// The value is absolute and bounded: from z = 0, 20 presses reach 3.
	r.press("z", "z")
	if !e.fromZero || e.value != 0 {
		t.Fatalf("z: fromZero %v, value %v", e.fromZero, e.value)
	}
	for i := 0; i < 20; i++ {
		r.press("right")
	}
	if e.value != travMax || r.m.explorer.ex.slots[travPane].got.z[e.dim] != float32(travMax) {
		t.Fatalf("value %v after 20 presses", e.value)
	}
	for i := 0; i < 3; i++ {
		r.press("left")
	}
	if e.value != 2.25 {
		t.Fatalf("value %v, want 2.25", e.value)
	}
	// ↓ chooses the next dimension, n the next test digit.
	r.press("down", "n")
	if e.dim != 1 || e.digit != 1 || e.fromZero || e.value != float64(e.lat.Row(1)[1]) {
		t.Fatalf("dim %d digit %d fromZero %v value %v", e.dim, e.digit, e.fromZero, e.value)
	}
	if s := frameText(r.m); !strings.Contains(s, "from test #1 (digit 1)") || !strings.Contains(s, "▸z2") {
		t.Errorf("traversal labels:\n%s", s)
	}
}

// Ten presses while a decode is in flight make one more request, for the
// state after all ten.
func TestExplorerHeldKeysCoalesce(t *testing.T) {
	r := openRig(t, 200, 60)
	e := &r.m.explorer.ex
	base := r.model.count()
	issued := e.slots[travPane].issued
	r.m.explorer.ex.value = 0
	first := r.key("right") // its decode is not run yet: in flight
	var during int
	for i := 0; i < 9; i++ {
		during += len(explorerMsgs(r.key("right")))
	}
	if during != 0 || !e.slots[travPane].inflight || e.slots[travPane].issued != issued+1 {
		t.Fatalf("held keys queued %d decodes (issued %d)", during, e.slots[travPane].issued-issued)
	}
	if e.value != 2.5 {
		t.Fatalf("value %v after 10 presses, want 2.5", e.value)
	}
	if n := r.settle(first); n != 2 {
		t.Fatalf("%d decodes delivered, want 2 (the first press's, then the latest state)", n)
	}
	if got := r.model.count() - base; got != 2 {
		t.Fatalf("the model decoded %d times", got)
	}
	if z := e.slots[travPane].got.z[e.dim]; z != 2.5 || e.slots[travPane].inflight {
		t.Fatalf("answer shows z%d = %v", e.dim, z)
	}
	// A stale answer (an older sequence number) is dropped.
	old := *e.slots[travPane].got
	old.seq--
	r.key("left")
	cur := e.slots[travPane].got
	r.update(exploreDecodeMsg{req: &old, px: make([]float32, old.n*784)})
	if e.slots[travPane].got != cur {
		t.Fatal("a stale answer replaced the current one")
	}
}

func TestExplorerMapCursor(t *testing.T) {
	r := openRig(t, 120, 40)
	r.press("tab", "tab")
	e := &r.m.explorer.ex
	if e.mp == nil || !e.haveCursor || e.slots[mapPane].got == nil {
		t.Fatalf("map not ready: map %v cursor %v", e.mp != nil, e.haveCursor)
	}
	col, row := e.col, e.row
	before := append([]float32(nil), e.slots[mapPane].px...)
	sBefore := frameText(r.m)
	r.press("right", "right", "up")
	if e.col != col+2 || e.row != row-1 {
		t.Fatalf("cursor at %d,%d, want %d,%d", e.col, e.row, col+2, row-1)
	}
	x, y := e.frame.coords(e.col, e.row)
	if got := e.slots[mapPane].got; got.x != x || got.y != y {
		t.Fatalf("decoded (%v,%v), cursor at (%v,%v)", got.x, got.y, x, y)
	}
	if fmt.Sprint(before) == fmt.Sprint(e.slots[mapPane].px) || frameText(r.m) == sBefore {
		t.Fatal("moving the cursor did not change the decoded digit")
	}
	// A new test pass recomputes the map; the cursor keeps its map
	// coordinates (to within a cell of the new frame).
	oldMap := e.mp
	l := fakeLatents(200, 8, 2)
	r.snap.Latents = l
	r.settle(r.update(snapshotMsg{snap: r.snap, ok: true}))
	nx, ny := e.frame.coords(e.col, e.row)
	x1, y1 := e.frame.coords(e.col+1, e.row+1)
	if e.mapLat != l || e.mp == oldMap || math.Abs(nx-x) > math.Abs(x1-nx) || math.Abs(ny-y) > math.Abs(y1-ny) {
		t.Fatalf("after a new map: latents taken %v, cursor (%v,%v), was (%v,%v)", e.mapLat == l, nx, ny, x, y)
	}
	if got := e.slots[mapPane].got; got.x != nx || got.y != ny {
		t.Fatal("the point was not decoded again on the new map")
	}
	// The cursor stops at the edges.
	for i := 0; i < 200; i++ {
		r.press("left")
	}
	if e.col != 0 {
		t.Fatalf("cursor at column %d", e.col)
	}
}

func TestExplorerInterpolation(t *testing.T) {
	r := openRig(t, 120, 40)
	r.press("tab")
	e := &r.m.explorer.ex
	if e.ends != [2]int{0, 1} || e.slots[interpPane].got == nil {
		t.Fatalf("ends %v", e.ends)
	}
	lin := append([]string(nil), e.block[interpPane]...)
	linPx := fmt.Sprint(e.slots[interpPane].px)
	r.press("m")
	if !e.spherical || !strings.Contains(frameText(r.m), "spherical") {
		t.Fatal("m did not switch to spherical")
	}
	if fmt.Sprint(e.slots[interpPane].px) == linPx || strings.Join(lin, "\n") == strings.Join(e.block[interpPane], "\n") {
		t.Fatal("the strip did not change with the mode")
	}
	r.press("m")
	if e.spherical || strings.Join(lin, "\n") != strings.Join(e.block[interpPane], "\n") {
		t.Fatal("back to linear is not the linear strip")
	}
	// ←/→ move end A; ↓ picks B; c jumps B to the next class.
	r.press("right", "right", "left")
	if e.ends[0] != 1 {
		t.Fatalf("A at %d", e.ends[0])
	}
	r.press("down", "c")
	if e.end != 1 || e.ends[1] != 2 || e.label(e.ends[1]) != 2 {
		t.Fatalf("B at %d (digit %d)", e.ends[1], e.label(e.ends[1]))
	}
	if s := frameText(r.m); !strings.Contains(s, "B: test #2, digit 2") || !strings.Contains(s, "▲orig B") {
		t.Errorf("ends not labelled:\n%s", s)
	}
	if got := e.slots[interpPane].got; got.z[0] != e.lat.Row(1)[0] || got.z[len(got.z)-8] != e.lat.Row(2)[0] {
		t.Error("the path does not run between the ends' means")
	}
}

// TestExplorerInterpolationSteps checks that [ and ] set the path's
// length, that the decodes follow it with both ends kept, and that the
// keys stop at the fewest steps and at what fits.
func TestExplorerInterpolationSteps(t *testing.T) {
	r := openRig(t, 120, 40)
	r.press("tab")
	e := &r.m.explorer.ex
	auto := e.slots[interpPane].got.n
	dim := e.lat.Dim
	r.press("[")
	got := e.slots[interpPane].got
	if e.steps != auto-1 || got.n != auto-1 {
		t.Fatalf("[ from %d steps: steps %d, decoded %d", auto, e.steps, got.n)
	}
	if !strings.Contains(frameText(r.m), fmt.Sprintf("%d steps", auto-1)) {
		t.Errorf("the title does not give the steps:\n%s", frameText(r.m))
	}
	first, last := got.z[:dim], got.z[(got.n-1)*dim:]
	for d := 0; d < dim; d++ {
		if first[d] != e.lat.Row(e.ends[0])[d] || last[d] != e.lat.Row(e.ends[1])[d] {
			t.Fatal("the shorter path does not run between the ends' means")
		}
	}
	for i := 0; i < 20; i++ {
		r.press("[")
	}
	if e.steps != minInterpSteps || e.slots[interpPane].got.n != minInterpSteps {
		t.Fatalf("held [ left %d steps, want %d", e.steps, minInterpSteps)
	}
	if !strings.Contains(r.m.note, "fewest") {
		t.Errorf("no note at the fewest steps: %q", r.m.note)
	}
	for i := 0; i < 30; i++ {
		r.press("]")
	}
	most := e.slots[interpPane].got.n
	if most < auto || most > maxInterpSteps || !strings.Contains(r.m.note, "most that fits") {
		t.Fatalf("held ] gave %d steps (auto %d), note %q", most, auto, r.m.note)
	}
	if plan := r.m.explorer.exInterpPlan(); plan.capped || plan.n != most {
		t.Errorf("at the most that fits the plan is %+v", plan)
	}
	// Every line still fits the terminal.
	for i, l := range strings.Split(frameText(r.m), "\n") {
		if w := ansi.StringWidth(l); w > 120 {
			t.Fatalf("line %d is %d wide", i, w)
		}
	}
}

func TestPlanInterpFitsWhatIsAsked(t *testing.T) {
	for _, c := range []struct{ w, h, want, n int }{
		{120, 30, 0, 7}, {120, 30, 3, 3}, {120, 30, 16, 12}, {160, 30, 16, 16}, {41, 30, 16, 3}, {20, 30, 9, 0}, {120, 5, 5, 0},
	} {
		p := planInterp(c.w, c.h, c.want)
		if p.n != c.n || p.ok != (c.n > 0) {
			t.Errorf("planInterp(%d, %d, %d) = %+v, want %d steps", c.w, c.h, c.want, p, c.n)
		}
		if p.ok && 2*p.s+3+p.n*(p.s+1) > c.w+1 {
			t.Errorf("planInterp(%d, %d, %d) = %+v does not fit", c.w, c.h, c.want, p)
		}
		if p.ok && c.want > 0 && p.capped != (p.n < c.want) {
			t.Errorf("planInterp(%d, %d, %d) = %+v: capped is wrong", c.w, c.h, c.want, p)
		}
	}
}

func TestExplorerConditionalClass(t *testing.T) {
	info := fakeInfo()
	info.Conditional = true
	r := newExplorerRig(t, 200, 60, Options{}, info)
	r.press("e", "7")
	if r.m.explorer.ex.class != 7 || !strings.Contains(frameText(r.m), "class 7") {
		t.Fatalf("class %d:\n%s", r.m.explorer.ex.class, frameText(r.m))
	}
	for p := travPane; p <= mapPane; p++ {
		got := r.m.explorer.ex.slots[p].got
		if got == nil || len(got.labels) != got.n {
			t.Fatalf("pane %v: labels %v", p, got)
		}
		for _, l := range got.labels {
			if l != 7 {
				t.Fatalf("pane %v decodes class %d", p, l)
			}
		}
	}
	if r.m.explorer.exTravPlan().samples == 0 || !strings.Contains(frameText(r.m), "samples of digit 7") {
		t.Errorf("no class samples:\n%s", frameText(r.m))
	}
	// A model that is not conditional gets nil labels.
	r2 := openRig(t, 120, 40)
	if r2.m.explorer.ex.slots[travPane].got.labels != nil {
		t.Error("labels for an unconditional model")
	}
	r2.press("7")
	if r2.m.explorer.ex.fixedClass {
		t.Error("digit keys act on an unconditional model")
	}
}

// A conditional model's decodes use their own labels until a digit key
// fixes a class, and the same digit again gives them back: test #0, a 7,
// is decoded as a 7, not as a 0. The screen says which is in use.
func TestExplorerConditionalOwnLabels(t *testing.T) {
	info := fakeInfo()
	info.Conditional = true
	r := newExplorerRig(t, 200, 60, Options{}, info)
	lat := r.snap.Latents
	for i := range lat.Labels {
		lat.Labels[i] = uint8((i + 7) % 10) // test #0 is a 7, #1 an 8…
	}
	r.press("e")
	e := &r.m.explorer.ex
	labelsOf := func(p exPane) []uint8 {
		t.Helper()
		got := e.slots[p].got
		if got == nil || len(got.labels) != got.n {
			t.Fatalf("pane %v: labels %v", p, got)
		}
		return got.labels
	}
	all := func(p exPane, want uint8) {
		t.Helper()
		for i, l := range labelsOf(p) {
			if l != want {
				t.Fatalf("%s decode %d has label %d, want %d (all %v)", exPaneNames[p], i, l, want, labelsOf(p))
			}
		}
	}
	// nearest is the label of the test mean nearest to the map's cursor.
	nearest := func() uint8 {
		x, y := e.frame.coords(e.col, e.row)
		best, bestD := 0, math.Inf(1)
		for i := 0; i < lat.N; i++ {
			if d := math.Hypot(e.mp.Points[2*i]-x, e.mp.Points[2*i+1]-y); d < bestD {
				best, bestD = i, d
			}
		}
		return lat.Labels[best]
	}
	ownLabels := func(what string) {
		t.Helper()
		if e.fixedClass {
			t.Fatalf("%s: a class is fixed", what)
		}
		all(travPane, lat.Labels[e.digit])
		path := labelsOf(interpPane)
		a, b := lat.Labels[e.ends[0]], lat.Labels[e.ends[1]]
		for k, l := range path {
			if want := map[bool]uint8{true: a, false: b}[2*k < len(path)]; l != want {
				t.Fatalf("%s: the path's labels are %v, ends %d and %d", what, path, a, b)
			}
		}
		all(mapPane, nearest())
		s := frameText(r.m)
		if regexp.MustCompile(`· class \d|for all`).MatchString(s) {
			t.Fatalf("%s: the screen names a fixed class:\n%s", what, s)
		}
		d := lat.Labels[e.digit]
		for _, want := range []string{
			fmt.Sprintf("from test #%d (digit %d, own label)", e.digit, d), fmt.Sprintf("class %d (own label)", d),
			fmt.Sprintf("samples of digit %d", d),
			fmt.Sprintf("B #%d (%d) · linear · %d steps · own labels", e.ends[1], b, e.slots[interpPane].got.n), fmt.Sprintf("own labels: A's %d on the first half, B's %d on the second", a, b),
			fmt.Sprintf("of variance · own label %d", nearest()), fmt.Sprintf("class %d", nearest()), "(nearest digit)",
		} {
			if !strings.Contains(s, want) {
				t.Fatalf("%s: no %q on the screen:\n%s", what, want, s)
			}
		}
	}
	if e.digit != 0 || e.ends != [2]int{0, 1} {
		t.Fatalf("starts at test #%d, ends %v", e.digit, e.ends)
	}
	ownLabels("at first")
	// The next test digit (an 8) brings its own label, and so does the
	// cursor moved across the map.
	r.press("n", "tab", "tab", "left", "left", "left", "up", "up")
	if e.digit != 1 {
		t.Fatalf("n moved to test #%d", e.digit)
	}
	ownLabels("after n and a cursor move")
	// A digit fixes the class of every decode; another digit changes it;
	// the same digit again gives the decodes their own labels back.
	r.press("3")
	for p := travPane; p <= mapPane; p++ {
		all(p, 3)
	}
	if s := frameText(r.m); regexp.MustCompile(`· own label|\(own label\)|own labels:|nearest digit`).MatchString(s) ||
		strings.Count(s, "· class 3") != 3 || !strings.Contains(s, "class 3 for all (3 again: own labels)") {
		t.Fatalf("with class 3 fixed:\n%s", s)
	}
	r.press("5")
	all(interpPane, 5)
	r.press("5")
	if !strings.Contains(r.m.note, "own label") {
		t.Errorf("note %q", r.m.note)
	}
	ownLabels("after 5 5")
	// From z = 0 the traversal keeps its test digit's label, and says so.
	r.press("tab", "tab", "z")
	if e.focus != travPane || !e.fromZero {
		t.Fatalf("focus %v, from z = 0: %v", e.focus, e.fromZero)
	}
	all(travPane, 8)
	if s := frameText(r.m); !strings.Contains(s, "from z = 0 · test #1's label 8") || !strings.Contains(s, "class 8 (test #1's)") {
		t.Fatalf("from z = 0:\n%s", s)
	}
}

func TestExploreOnly(t *testing.T) {
	r := newExplorerRig(t, 120, 40, Options{ExploreOnly: true}, fakeInfo())
	if !r.m.onTop(r.m.explorer) || r.m.explorer.ex.slots[travPane].got == nil {
		t.Fatal("ExploreOnly does not start in a working explorer")
	}
	s := frameText(r.m)
	r.press("esc", "e")
	if !r.m.onTop(r.m.explorer) || frameText(r.m) != s || strings.Contains(s, "e/esc") {
		t.Fatalf("e/esc act in ExploreOnly:\n%s", frameText(r.m))
	}
	r.press("?")
	if h := frameText(r.m); strings.Contains(h, "dashboard") || !strings.Contains(h, "quit") || !strings.Contains(h, "linear/spherical") {
		t.Fatalf("help overlay:\n%s", h)
	}
	r.press("?")
	cmd := r.key("q")
	if !r.m.quitting || cmd == nil {
		t.Fatal("q does not quit")
	}
}

func TestExplorerHelp(t *testing.T) {
	r := openRig(t, 120, 40)
	r.press("?")
	h := frameText(r.m)
	for _, want := range []string{"traversal", "interpolation", "map", "training", "explorer", "dashboard", "its next digit class", "pause/run"} {
		if !strings.Contains(h, want) {
			t.Errorf("help lacks %q:\n%s", want, h)
		}
	}
	checkFrame(t, r.m, 120, 40)
	r.press("?", "tab")
	if line := ansi.Strip(r.m.helpLine); !strings.Contains(line, "end A/B") {
		t.Errorf("help line does not follow the focus: %q", line)
	}
}

func TestExplorerStatus(t *testing.T) {
	r := openRig(t, 120, 40)
	l := r.m.explorer.ex.lat
	if s := frameText(r.m); !strings.Contains(s, fmt.Sprintf("active z %d/%d", l.Active, l.Dim)) || strings.Contains(s, "collapsing") {
		t.Fatalf("status:\n%s", s)
	}
	c := *l
	c.Active = 1
	r.snap.Latents = &c
	r.settle(r.update(snapshotMsg{snap: r.snap, ok: true}))
	if s := frameText(r.m); !strings.Contains(s, "active z 1/8") || !strings.Contains(s, "posterior collapsing: 1 of 8 units active") {
		t.Fatalf("no collapse warning:\n%s", s)
	}
	checkFrame(t, r.m, 120, 40)
}

func TestExplorerWithoutQuerier(t *testing.T) {
	f := newFakeRun()
	m := New([]live.Run{{Info: fakeInfo(), Ctl: f, Feed: f}}, Options{Renderer: asciiRenderer(), ChartInterval: -1})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(snapshotMsg{snap: fakeSnapshot(1, 40), ok: true})
	press(m, "e")
	if s := frameText(m); !strings.Contains(s, "no model to ask") || strings.Contains(s, "interpolation") {
		t.Fatalf("explorer without a querier:\n%s", s)
	}
	checkFrame(t, m, 120, 40)
}

func TestExplorerWaitsForModel(t *testing.T) {
	r := newExplorerRig(t, 120, 40, Options{}, fakeInfo())
	r.q.model = nil
	r.m.explorer.ex.model = nil
	cmd := r.key("e")
	if s := frameText(r.m); !strings.Contains(s, "waiting for a frozen copy") {
		t.Fatalf("no model:\n%s", s)
	}
	r.q.model = r.model
	r.settle(cmd) // the poll tick finds it
	if r.m.explorer.ex.model == nil || r.m.explorer.ex.slots[travPane].got == nil {
		t.Fatal("the poll did not pick up the model")
	}
}

func TestExplorerLayoutSizes(t *testing.T) {
	for _, s := range [][2]int{{120, 40}, {80, 24}, {200, 60}, {100, 30}, {40, 10}} {
		r := openRig(t, s[0], s[1])
		for p := 0; p < int(numExPanes); p++ {
			checkFrame(t, r.m, s[0], s[1])
			if s[0] >= 120 && s[1] >= 40 {
				for _, name := range exPaneNames {
					if sc := frameText(r.m); !strings.Contains(sc, " "+name+" ") && !strings.Contains(sc, "["+name+"]") {
						t.Fatalf("%v: pane %s missing", s, name)
					}
				}
			}
			r.press("tab")
		}
		r.press("?")
		checkFrame(t, r.m, s[0], s[1])
	}
}

// TestExplorerGolden pins each pane at 120x40 (all four) and 80x24 (the
// focused one), Ascii profile. Regenerate with -update.
func TestExplorerGolden(t *testing.T) {
	for _, s := range [][2]int{{120, 40}, {80, 24}} {
		r := openRig(t, s[0], s[1])
		for p := exPane(0); p < numExPanes; p++ {
			if s[0] == 120 && p > 0 {
				break
			}
			t.Run(fmt.Sprintf("%dx%d_%s", s[0], s[1], exPaneNames[p]), func(t *testing.T) {
				golden.RequireEqual(t, []byte(frameText(r.m)))
			})
			r.press("tab")
		}
	}
}
