package tui

import (
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/latent"
	"github.com/vaetop/vaetop/tui/widget"
)

// testMap builds a map of n points in ten clusters (one per digit) by
// hand, as latent.NewMap would give for a 2-D latent.
func testMap(n int) (*latent.Map, []uint8) {
	rng := rand.New(rand.NewSource(1))
	m := &latent.Map{Dim: 2, Raw: true, Points: make([]float64, 2*n), Explained: [2]float64{0.6, 0.4}}
	m.Axes[0], m.Axes[1] = []float64{1, 0}, []float64{0, 1}
	m.Mean = []float64{0, 0}
	labels := make([]uint8, n)
	m.Lo = [2]float64{math.Inf(1), math.Inf(1)}
	m.Hi = [2]float64{math.Inf(-1), math.Inf(-1)}
	for i := 0; i < n; i++ {
		d := i % 10
		a := float64(d) * 2 * math.Pi / 10
		x, y := 3*math.Cos(a)+rng.NormFloat64()*0.5, 3*math.Sin(a)+rng.NormFloat64()*0.5
		m.Points[2*i], m.Points[2*i+1] = x, y
		labels[i] = uint8(d)
		m.Lo[0], m.Hi[0] = math.Min(m.Lo[0], x), math.Max(m.Hi[0], x)
		m.Lo[1], m.Hi[1] = math.Min(m.Lo[1], y), math.Max(m.Hi[1], y)
	}
	return m, labels
}

func TestScatterFrameRoundTrip(t *testing.T) {
	m, _ := testMap(500)
	flat := &latent.Map{Dim: 1, Raw: true, Lo: [2]float64{-2, 0}, Hi: [2]float64{3, 0}}
	single := &latent.Map{Dim: 3, Lo: [2]float64{1, 1}, Hi: [2]float64{1, 1}}
	for _, tc := range []struct {
		name string
		m    *latent.Map
		w, h int
	}{
		{"clusters 200x60", m, 200, 60},
		{"clusters 30x8", m, 30, 8},
		{"clusters 1x1", m, 1, 1},
		{"1-D latent", flat, 40, 9},
		{"one point", single, 7, 3},
		{"nil map", nil, 10, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newScatterFrame(tc.m, tc.w, tc.h)
			if !(f.x1 > f.x0) || !(f.y1 > f.y0) {
				t.Fatalf("zero-width bounds %+v", f)
			}
			for row := 0; row < tc.h; row++ {
				for col := 0; col < tc.w; col++ {
					x, y := f.coords(col, row)
					c, r, ok := f.cell(x, y)
					if !ok || c != col || r != row {
						t.Fatalf("coords(%d,%d) = (%g,%g) back to (%d,%d,%v)", col, row, x, y, c, r, ok)
					}
				}
			}
			if tc.m != nil {
				// The points' bounds are inside the frame, y grows upwards.
				_, top, ok1 := f.cell(tc.m.Lo[0], tc.m.Hi[1])
				_, bottom, ok2 := f.cell(tc.m.Hi[0], tc.m.Lo[1])
				if !ok1 || !ok2 || top > bottom {
					t.Errorf("bounds: top row %d (%v), bottom row %d (%v)", top, ok1, bottom, ok2)
				}
			}
			if _, _, ok := f.cell(f.x1+1, f.y0); ok {
				t.Error("a point right of the frame is in it")
			}
			if _, _, ok := f.cell(math.NaN(), 0); ok {
				t.Error("NaN is in the frame")
			}
		})
	}
}

func TestScatterMajorityClass(t *testing.T) {
	// Three points in one cell: two 7s and a 3; one 4 elsewhere.
	m := &latent.Map{Dim: 2, Raw: true, Points: []float64{0.1, 0.1, 0.12, 0.1, 0.11, 0.11, 0.9, 0.9},
		Lo: [2]float64{0, 0}, Hi: [2]float64{1, 1}}
	labels := []uint8{7, 3, 7, 4}
	f := newScatterFrame(m, 10, 5)
	b := binScatter(m, labels, f)
	col, row, _ := f.cell(0.1, 0.1)
	if n, c := b.at(col, row); n != 3 || c != 7 {
		t.Errorf("cell holds %d points of class %d, want 3 of 7", n, c)
	}
	lines := drawScatter(asciiTheme(), m, labels, f, -1, -1, false)
	if got := []rune(lines[row])[col]; got != '7' {
		t.Errorf("ascii cell shows %q, want '7':\n%s", got, strings.Join(lines, "\n"))
	}
	// In colour the cell has the colour of class 7.
	th := widget.NewTheme(fixedRenderer(termenv.TrueColor))
	pre, _ := styleWrap(classStyles(th)[7])
	if pre == "" {
		t.Fatal("class 7 has no colour")
	}
	cl := drawScatter(th, m, labels, f, -1, -1, false)
	if !strings.Contains(cl[row], pre) {
		t.Errorf("row %q lacks class 7's colour %q", cl[row], pre)
	}
	pre3, _ := styleWrap(classStyles(th)[3])
	if strings.Contains(cl[row], pre3) {
		t.Errorf("row %q shows the minority class 3", cl[row])
	}
	// Unlabelled points show as '*'.
	if !strings.Contains(strings.Join(drawScatter(asciiTheme(), m, nil, f, -1, -1, false), ""), "*") {
		t.Error("unlabelled points not drawn")
	}
}

func TestClassStylesDistinct(t *testing.T) {
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI} {
		th := widget.NewTheme(fixedRenderer(p))
		seen := map[string]int{}
		for d, st := range classStyles(th) {
			pre, _ := styleWrap(st)
			if pre == "" {
				t.Errorf("profile %v: class %d has no colour", p, d)
			}
			if o, dup := seen[pre]; dup {
				t.Errorf("profile %v: classes %d and %d share %q", p, o, d, pre)
			}
			seen[pre] = d
		}
	}
}

func TestScatterASCII(t *testing.T) {
	m, labels := testMap(2000)
	for _, tc := range []struct {
		name  string
		th    *widget.Theme
		ascii bool
	}{
		{"Ascii profile", asciiTheme(), false},
		{"ascii requested", asciiTheme(), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newScatterFrame(m, 60, 20)
			lines := drawScatter(tc.th, m, labels, f, 30, 10, tc.ascii)
			all := strings.Join(lines, "\n")
			if strings.Contains(all, "\x1b") {
				t.Fatalf("escape sequences in ascii mode: %q", all)
			}
			for d := '0'; d <= '9'; d++ {
				if !strings.ContainsRune(all, d) {
					t.Errorf("digit %c missing:\n%s", d, all)
				}
			}
			if strings.ContainsAny(all, "·•●") {
				t.Errorf("density glyphs in ascii mode:\n%s", all)
			}
			if c := []rune(lines[10])[30]; c != '@' && c != '+' {
				t.Errorf("cursor cell shows %q", c)
			}
		})
	}
	// Asked for on a colour terminal, glyphs come without colours, except
	// the cursor's reverse video.
	th := widget.NewTheme(fixedRenderer(termenv.TrueColor))
	f := newScatterFrame(m, 60, 20)
	lines := drawScatter(th, m, labels, f, -1, -1, true)
	if all := strings.Join(lines, ""); strings.Contains(all, "\x1b") || !strings.ContainsRune(all, '5') {
		t.Errorf("glyph mode on a colour terminal: %q", all)
	}
}

func TestScatterWidths(t *testing.T) {
	m, labels := testMap(10000)
	themes := map[string]*widget.Theme{"ascii": asciiTheme(), "truecolor": widget.NewTheme(fixedRenderer(termenv.TrueColor)), "ansi": widget.NewTheme(fixedRenderer(termenv.ANSI))}
	for name, th := range themes {
		for _, sz := range [][2]int{{30, 8}, {200, 60}, {1, 1}, {80, 24}, {0, 0}} {
			for _, ascii := range []bool{false, true} {
				w, h := sz[0], sz[1]
				f := newScatterFrame(m, w, h)
				lines := drawScatter(th, m, labels, f, w/2, h/2, ascii)
				if len(lines) != h {
					t.Fatalf("%s %dx%d: %d lines", name, w, h, len(lines))
				}
				for i, l := range lines {
					if lw := lipgloss.Width(l); lw != w {
						t.Errorf("%s %dx%d ascii=%v line %d: width %d: %q", name, w, h, ascii, i, lw, l)
					}
				}
				if leg := scatterLegend(th, ascii, w); lipgloss.Width(leg) != max(w, 0) {
					t.Errorf("%s legend at %d: width %d", name, w, lipgloss.Width(leg))
				}
			}
		}
	}
}

func TestScatterCursorVisible(t *testing.T) {
	m, labels := testMap(3000)
	for _, tc := range []struct {
		name  string
		th    *widget.Theme
		ascii bool
	}{
		{"ascii", asciiTheme(), false},
		{"colour", widget.NewTheme(fixedRenderer(termenv.TrueColor)), false},
		{"colour glyphs", widget.NewTheme(fixedRenderer(termenv.ANSI256)), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newScatterFrame(m, 40, 12)
			p := binScatter(m, labels, f).picture(tc.th, tc.ascii)
			plain := p.withCursor(-1, -1)
			b := binScatter(m, labels, f)
			// Try an occupied and an empty cell (the clusters' centre is empty).
			var full [2]int
			for k, n := range b.count {
				if n > 0 {
					full = [2]int{k % f.w, k / f.w}
					break
				}
			}
			cc, cr, _ := f.cell(0, 0)
			if n, _ := b.at(cc, cr); n != 0 {
				t.Fatalf("centre cell holds %d points", n)
			}
			for _, at := range [][2]int{full, {cc, cr}} {
				cur := p.withCursor(at[0], at[1])
				for r := range cur {
					if (cur[r] != plain[r]) != (r == at[1]) {
						t.Errorf("cursor at %v: row %d changed=%v", at, r, cur[r] != plain[r])
					}
				}
				if lipgloss.Width(cur[at[1]]) != f.w {
					t.Errorf("cursor row width %d", lipgloss.Width(cur[at[1]]))
				}
				// Only the cursor's cell differs once styles are stripped, or
				// (in colour) the styles differ there.
				a, c := []rune(ansi.Strip(plain[at[1]])), []rune(ansi.Strip(cur[at[1]]))
				for i := range a {
					if i != at[0] && a[i] != c[i] {
						t.Errorf("cursor at %v changed column %d", at, i)
					}
				}
			}
			// The plain picture is not touched by drawing a cursor.
			if again := p.withCursor(-1, -1); strings.Join(again, "\n") != strings.Join(plain, "\n") {
				t.Error("withCursor changed the cached rows")
			}
		})
	}
}

func TestMapCaption(t *testing.T) {
	for _, tc := range []struct {
		m    *latent.Map
		want string
	}{
		{&latent.Map{Dim: 32, Explained: [2]float64{0.344, 0.21}, Axes: [2][]float64{{1}, {1}}}, "PC1 34% · PC2 21% of variance"},
		{&latent.Map{Dim: 2, Raw: true, Explained: [2]float64{0.61, 0.39}, Axes: [2][]float64{{1, 0}, {0, 1}}}, "z1 × z2 (raw axes) 61% · 39%"},
		{&latent.Map{Dim: 1, Raw: true, Explained: [2]float64{1, 0}, Axes: [2][]float64{{1}, nil}}, "z1 (raw axis) 100%"},
		{nil, ""},
	} {
		if got := mapCaption(tc.m); got != tc.want {
			t.Errorf("mapCaption = %q, want %q", got, tc.want)
		}
	}
}

func TestScatterLegend(t *testing.T) {
	plain := scatterLegend(asciiTheme(), false, 40)
	if !strings.HasPrefix(plain, "0 1 2 3 4 5 6 7 8 9") || strings.Contains(plain, "\x1b") {
		t.Errorf("ascii legend %q", plain)
	}
	th := widget.NewTheme(fixedRenderer(termenv.TrueColor))
	col := scatterLegend(th, false, 40)
	pre, _ := styleWrap(classStyles(th)[9])
	if !strings.Contains(col, pre+"9") || !strings.HasPrefix(ansi.Strip(col), "0 1 2") {
		t.Errorf("colour legend %q", col)
	}
}

// BenchmarkDrawScatter bins and draws 10 000 points at 200×60; the
// cursor sub-benchmark is what a cursor move costs.
func BenchmarkDrawScatter(b *testing.B) {
	m, labels := testMap(10000)
	th := widget.NewTheme(fixedRenderer(termenv.TrueColor))
	f := newScatterFrame(m, 200, 60)
	b.Run("full", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			drawScatter(th, m, labels, f, i%200, i%60, false)
		}
	})
	b.Run("cursor", func(b *testing.B) {
		p := binScatter(m, labels, f).picture(th, false)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			p.withCursor(i%200, i%60)
		}
	})
}

// TestScatterFromNewMap draws maps as latent.NewMap makes them: a 1-D
// latent (all points on one row) and a 5-D one projected on its PCs.
func TestScatterFromNewMap(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for _, dim := range []int{1, 5} {
		n := 400
		mu := make([]float32, n*dim)
		labels := make([]uint8, n)
		for i := range mu {
			mu[i] = float32(rng.NormFloat64())
		}
		for i := range labels {
			labels[i] = uint8(i % 10)
		}
		m, err := latent.NewMap(mu, n, dim)
		if err != nil {
			t.Fatal(err)
		}
		f := newScatterFrame(m, 50, 9)
		lines := drawScatter(asciiTheme(), m, labels, f, 0, 0, false)
		used := 0
		for _, l := range lines {
			if lipgloss.Width(l) != 50 {
				t.Fatalf("dim %d: width %d", dim, lipgloss.Width(l))
			}
			if strings.TrimSpace(strings.TrimPrefix(l, "+")) != "" {
				used++
			}
		}
		if dim == 1 && used != 1 || dim == 5 && used < 5 {
			t.Errorf("dim %d: points on %d rows:\n%s", dim, used, strings.Join(lines, "\n"))
		}
	}
}
