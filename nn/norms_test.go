package nn

import (
	"math"
	"testing"

	"github.com/vaetop/vaetop/par"
)

// TestNormsMatchFloat64AndAreDeterministic checks GradNorm and GroupNorms
// against a plain float64 sum, serial and parallel runs for identical bits,
// and odd group sizes (empty, shorter and longer than a chunk).
func TestNormsMatchFloat64AndAreDeterministic(t *testing.T) {
	ps := &ParamSet{}
	for i, n := range []int{3, 0, normChunk - 1, 2*normChunk + 5, 1, normChunk} {
		ps.add(string(rune('a'+i)), n, func(w, g []float32) {})
	}
	ps.finalize()
	rng := NewRNG(5, 6)
	for i := range ps.G {
		ps.G[i] = rng.Normal() * 1e-2
	}
	ps.G[7] = 1e-40 // subnormal
	want := make([]float64, len(ps.Groups))
	var all float64
	for i, g := range ps.Groups {
		for _, v := range ps.G[g.Offset : g.Offset+g.Len] {
			want[i] += float64(v) * float64(v)
		}
		all += want[i]
		want[i] = math.Sqrt(want[i])
	}
	got := make([]float64, len(ps.Groups))
	ps.GroupNorms(got)
	for i := range got {
		near(t, "group norm", got[i], want[i], 1e-12*want[i]+1e-300)
	}
	norm := ps.GradNorm()
	near(t, "GradNorm", norm, math.Sqrt(all), 1e-12*norm)

	par.SetSerial(true)
	serial := make([]float64, len(ps.Groups))
	ps.GroupNorms(serial)
	serialNorm := ps.GradNorm()
	par.SetSerial(false)
	for i := range got {
		if got[i] != serial[i] {
			t.Errorf("group %d: parallel %v != serial %v", i, got[i], serial[i])
		}
	}
	if norm != serialNorm {
		t.Errorf("GradNorm: parallel %v != serial %v", norm, serialNorm)
	}
	if n := testing.AllocsPerRun(5, func() { ps.GroupNorms(got); ps.GradNorm() }); n != 0 {
		t.Errorf("norms allocate %v times", n)
	}
}
