package nn

import "github.com/vaetop/vaetop/par"

// Gradient norms read all ~1M gradients every step. They run as one
// parallel pass: each group is cut into pieces of normChunk elements (fixed,
// whatever the thread count), each piece's sum of squares is computed in
// float64 and the pieces are added in order, so the norms are the same bit
// for bit at any thread count.
const normChunk = 1 << 14

// normTask holds the chunking of a ParamSet's gradient vector and the
// per-chunk sums of squares of the last pass.
type normTask struct {
	g       []float32
	lo, hi  []int     // bounds of each chunk
	first   []int     // group i owns chunks [first[i], first[i+1])
	partial []float64 // sum of squares per chunk
	ngroups int
}

func (t *normTask) Chunk(c int) { t.partial[c] = sumSquares(t.g[t.lo[c]:t.hi[c]]) }

// normSums computes the per-chunk sums of squares of p.G.
func (p *ParamSet) normSums() *normTask {
	t := &p.norms
	if len(t.g) != len(p.G) || (len(t.g) > 0 && &t.g[0] != &p.G[0]) || t.ngroups != len(p.Groups) {
		t.plan(p)
	}
	par.For(len(t.partial), t)
	return t
}

// plan cuts each group (or all of G when there are no groups) into chunks.
func (t *normTask) plan(p *ParamSet) {
	groups := p.Groups
	if len(groups) == 0 {
		groups = []Group{{Len: len(p.G)}}
	}
	*t = normTask{g: p.G, ngroups: len(p.Groups), first: make([]int, 0, len(groups)+1)}
	for _, gr := range groups {
		t.first = append(t.first, len(t.lo))
		for lo := gr.Offset; lo < gr.Offset+gr.Len; lo += normChunk {
			t.lo = append(t.lo, lo)
			t.hi = append(t.hi, min(lo+normChunk, gr.Offset+gr.Len))
		}
	}
	t.first = append(t.first, len(t.lo))
	t.partial = make([]float64, len(t.lo))
}

// sumSquaresGo adds v[i]² in float64 to acc[i%16]: sixteen interleaved
// sums keep the adders busy and map onto vector lanes (reduce_amd64.s).
// The conversion stops the compiler from fusing the multiply-add.
func sumSquaresGo(v []float32, acc *[16]float64) {
	i := 0
	for ; i+16 <= len(v); i += 16 {
		for j, x := range v[i : i+16] {
			acc[j] += float64(float64(x) * float64(x))
		}
	}
	for j, x := range v[i:] {
		acc[j] += float64(float64(x) * float64(x))
	}
}

// sumSquares is Σ v[i]² in float64 (so long vectors lose no precision): the
// sixteen interleaved sums, then added in lane order.
func sumSquares(v []float32) float64 {
	var acc [16]float64
	n := sumSquaresVec(v, &acc)
	sumSquaresGo(v[n:], &acc)
	var s float64
	for _, a := range acc {
		s += a
	}
	return s
}
