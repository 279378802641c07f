package latent

import (
	"math"
	"testing"

	"github.com/vaetop/vaetop/live"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// Four points on two axes of a 3-D space, turned 30° in the x-y plane:
// by hand, the mean is 0 and the variances along the two directions are
// 8/3 and 2/3 (n-1 weighting), so PC1 = (cos 30°, sin 30°, 0) explains 0.8
// and PC2 = (-sin 30°, cos 30°, 0) 0.2 (each signed so that its largest
// coefficient is positive), and the points project back to (±2, 0) and
// (0, ±1).
func TestMapMatchesHandComputedPCA(t *testing.T) {
	c, s := math.Cos(math.Pi/6), math.Sin(math.Pi/6)
	pts := [][2]float64{{2, 0}, {-2, 0}, {0, 1}, {0, -1}}
	var mu []float32
	for _, p := range pts {
		mu = append(mu, float32(p[0]*c-p[1]*s), float32(p[0]*s+p[1]*c), 0)
	}
	m, err := NewMap(mu, 4, 3)
	if err != nil {
		t.Fatal(err)
	}
	if m.Raw {
		t.Fatal("3-D map uses raw axes")
	}
	if !near(m.Explained[0], 0.8, 1e-6) || !near(m.Explained[1], 0.2, 1e-6) {
		t.Fatalf("explained %v, want [0.8 0.2]", m.Explained)
	}
	wantAxes := [2][3]float64{{c, s, 0}, {-s, c, 0}}
	for ax := range wantAxes {
		for d, w := range wantAxes[ax] {
			if !near(m.Axes[ax][d], w, 1e-6) {
				t.Fatalf("axis %d = %v, want %v", ax, m.Axes[ax], wantAxes[ax])
			}
		}
	}
	for i, p := range pts {
		x, y := m.Points[2*i], m.Points[2*i+1]
		if !near(x, p[0], 1e-5) || !near(y, p[1], 1e-5) {
			t.Fatalf("point %d projects to (%.4f, %.4f), want (%v, %v)", i, x, y, p[0], p[1])
		}
	}
	if !near(m.Lo[0], -2, 1e-5) || !near(m.Hi[0], 2, 1e-5) || !near(m.Lo[1], -1, 1e-5) || !near(m.Hi[1], 1, 1e-5) {
		t.Fatalf("ranges [%v, %v] × [%v, %v], want [-2, 2] × [-1, 1]", m.Lo[0], m.Hi[0], m.Lo[1], m.Hi[1])
	}
	// Point is the inverse of Project on the plane of the points.
	z := make([]float32, 3)
	m.Point(2, 0, z)
	if !near(float64(z[0]), 2*c, 1e-6) || !near(float64(z[1]), 2*s, 1e-6) || z[2] != 0 {
		t.Fatalf("Point(2, 0) = %v, want (2cos30°, 2sin30°, 0)", z)
	}
}

func TestMapUsesRawAxesInTwoDimensions(t *testing.T) {
	mu := []float32{1, 0, -1, 0, 0, 3, 0, -3}
	m, err := NewMap(mu, 4, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Raw {
		t.Fatal("2-D map does not use the raw axes")
	}
	for i := 0; i < 4; i++ {
		if m.Points[2*i] != float64(mu[2*i]) || m.Points[2*i+1] != float64(mu[2*i+1]) {
			t.Fatalf("point %d = (%v, %v), want the raw means", i, m.Points[2*i], m.Points[2*i+1])
		}
	}
	// variances 2/3 and 6: shares 0.1 and 0.9
	if !near(m.Explained[0], 0.1, 1e-9) || !near(m.Explained[1], 0.9, 1e-9) {
		t.Fatalf("explained %v, want [0.1 0.9]", m.Explained)
	}
	z := make([]float32, 2)
	m.Point(0.5, -2, z)
	if z[0] != 0.5 || z[1] != -2 {
		t.Fatalf("Point(0.5, -2) = %v", z)
	}
}

func TestMapRefusesTooFewPoints(t *testing.T) {
	if _, err := NewMap([]float32{1, 2}, 1, 2); err == nil {
		t.Fatal("a one-point map was accepted")
	}
}

// A hand-made set of means: unit 0 flips between 0 and 1 (variance about
// 0.25), unit 1 is constant, unit 2 wobbles by ±0.05 (0.0025), unit 3 by
// ±0.2 (0.04): two active units.
func TestActiveUnitsOfHandMadeMeans(t *testing.T) {
	const n = 1000
	mu := make([]float32, n*4)
	for i := 0; i < n; i++ {
		s := float32(1 - 2*(i%2))
		mu[i*4+0] = float32(i % 2)
		mu[i*4+1] = 0.7
		mu[i*4+2] = 0.05 * s
		mu[i*4+3] = 0.2 * s
	}
	v := Variances(mu, n, 4)
	want := []float64{0.25 * n / (n - 1), 0, 0.0025 * n / (n - 1), 0.04 * n / (n - 1)}
	for d := range want {
		if !near(v[d], want[d], 1e-6) {
			t.Fatalf("variances %v, want %v", v, want)
		}
	}
	if got := live.CountActive(v); got != 2 {
		t.Fatalf("%d active units, want 2", got)
	}
}

func TestLinearPathEndsAndMiddle(t *testing.T) {
	a, b := []float32{0, 2}, []float32{4, -2}
	p := Path(a, b, 5, false)
	if len(p) != 5 || p[0][0] != 0 || p[0][1] != 2 || p[4][0] != 4 || p[4][1] != -2 {
		t.Fatalf("path %v does not start at a and end at b", p)
	}
	if p[2][0] != 2 || p[2][1] != 0 {
		t.Fatalf("middle %v, want (2, 0)", p[2])
	}
}

func TestSphericalPathNormsStayBetweenEnds(t *testing.T) {
	// The norm of the linear path's middle for the first pair is 1.58, the
	// spherical one's 2: the linear-in-norm check tells the modes apart.
	cases := [][2][]float32{
		{{3, 0, 0}, {0, 1, 0}},       // perpendicular, norms 3 and 1
		{{1, 1, 0}, {-4, 0.5, 2}},    // obtuse
		{{2, 0}, {-0.5, 0}},          // opposite
		{{0.1, 0.2}, {0.1001, 0.19}}, // nearly the same direction
	}
	for _, c := range cases {
		a, b := c[0], c[1]
		na, nb := Norm(a), Norm(b)
		lo, hi := math.Min(na, nb), math.Max(na, nb)
		path := Path(a, b, 11, true)
		for k, z := range path {
			n := Norm(z)
			if n < lo-1e-5 || n > hi+1e-5 {
				t.Fatalf("%v → %v: point %d has norm %.5f outside [%.5f, %.5f]", a, b, k, n, lo, hi)
			}
			if want := na + (nb-na)*float64(k)/10; !near(n, want, 1e-4) {
				t.Fatalf("%v → %v: point %d norm %.5f, want %.5f (linear in the norm)", a, b, k, n, want)
			}
		}
	}
}

func TestTraverseSetsOneDimension(t *testing.T) {
	base := []float32{0.5, -1, 2}
	out := Traverse(base, 1, []float64{-3, 0, 3})
	for k, v := range []float32{-3, 0, 3} {
		if out[k][1] != v || out[k][0] != 0.5 || out[k][2] != 2 {
			t.Fatalf("step %d = %v", k, out[k])
		}
	}
	if base[1] != -1 {
		t.Fatal("Traverse changed its base")
	}
}
