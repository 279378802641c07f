package nn

import (
	"math"

	"github.com/vaetop/vaetop/par"
	"github.com/vaetop/vaetop/sgemm"
)

// Adam is torch.optim.Adam over a flat parameter vector: optional L2 weight
// decay added to the gradient, bias-corrected moments, eps added after the
// corrected square root.
type Adam struct {
	LR, Beta1, Beta2, Eps, WeightDecay float64
	Step                               int64     // updates done so far
	M, V                               []float32 // first and second moments

	task adamTask
}

// adamChunks splits the update over the worker pool; every element is
// independent, so the split cannot change results.
const adamChunks = 16

// tiny is where Adam flushes moments to zero, well above float32's smallest
// normal number (1.2e-38).
const tiny = 1e-30

// tinyBits is math.Float32bits(tiny), as a constant (checked by a test).
const tinyBits = 0x0da24260

// NewAdam returns Adam with PyTorch's defaults for n parameters.
func NewAdam(n int, lr float64) *Adam {
	return &Adam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, M: hugeFloats(n), V: hugeFloats(n)}
}

// Update applies one step to w from gradients g.
func (a *Adam) Update(w, g []float32) {
	a.Step++
	t := float64(a.Step)
	bc1 := 1 - math.Pow(a.Beta1, t)
	bc2 := 1 - math.Pow(a.Beta2, t)
	b1, b2 := float32(a.Beta1), float32(a.Beta2)
	a.task = adamTask{
		w: w, g: g[:len(w)], m: a.M[:len(w)], v: a.V[:len(w)],
		adamConsts: adamConsts{
			stepSize: float32(a.LR / bc1), invSqrtBC2: float32(1 / math.Sqrt(bc2)),
			b1: b1, c1: 1 - b1, b2: b2, c2: 1 - b2,
			eps: float32(a.Eps), wd: float32(a.WeightDecay),
		},
	}
	par.For(adamChunks, &a.task)
	a.task = adamTask{}
}

type adamTask struct {
	w, g, m, v []float32
	adamConsts
}

func (k *adamTask) Chunk(c int) {
	if tm := sgemm.ActiveTiming(); tm != nil {
		defer tm.Add(sgemm.PartOptimizer, sgemm.Now())
	}
	lo, hi := par.Split(len(k.w), adamChunks, c)
	adamChunk(&k.adamConsts, k.w[lo:hi], k.g[lo:hi], k.m[lo:hi], k.v[lo:hi])
}

// adamConsts are the per-step scalars of the update; the assembly kernels
// read them by field offset (adam_amd64.s), so keep the order.
type adamConsts struct {
	b1, c1, b2, c2, stepSize, invSqrtBC2, eps, wd float32
}

// adamGo is the reference update of w, m, v from g (all of len(w)); the
// assembly kernels reproduce it bit for bit. The explicit float32
// conversions stop the compiler from fusing a*b+c into an FMA (it does with
// GOAMD64=v3), which would change the rounding.
func adamGo(k *adamConsts, w, g, m, v []float32) {
	g, m, v = g[:len(w)], m[:len(w)], v[:len(w)]
	for i := range w {
		gi := g[i]
		if k.wd != 0 {
			gi += float32(k.wd * w[i])
		}
		mi := float32(k.b1*m[i]) + float32(k.c1*gi)
		vi := float32(k.b2*v[i]) + float32(k.c2*gi*gi)
		// Moments of weights whose gradient is always 0 (MNIST's blank
		// border pixels) decay geometrically into subnormal floats, which
		// cost ~100x per operation on x86. Below tiny they cannot move a
		// weight measurably (the step is ~lr·m/eps), so flush them to 0.
		// Integer selects compile to CMOV: no branch in the hot loop.
		mb, vb := math.Float32bits(mi), math.Float32bits(vi)
		if mb&0x7fffffff < tinyBits {
			mb = 0
		}
		if vb < tinyBits {
			vb = 0
		}
		mi, vi = math.Float32frombits(mb), math.Float32frombits(vb)
		m[i], v[i] = mi, vi
		w[i] -= k.stepSize * mi / (float32(sqrt32(vi)*k.invSqrtBC2) + k.eps)
	}
}

func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }
