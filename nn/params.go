package nn

import "math"

// Group is a contiguous range of the flat parameter vector owned by one
// layer (weights and bias of a Linear, gamma and beta of a BatchNorm).
type Group struct {
	Name        string
	Offset, Len int
}

// ParamSet holds every trainable value of a model in one flat slice, their
// gradients in another of the same layout, and non-trained state (BatchNorm
// running statistics) in a third. One flat layout makes Adam, clipping,
// norms and checkpoints single loops.
type ParamSet struct {
	W, G   []float32 // values and gradients
	State  []float32 // running statistics, saved but not trained
	Groups []Group

	norms normTask // reused by GradNorm and GroupNorms

	pending    []request
	stateNeeds []stateRequest
	wLen, sLen int
	finalized  bool
	noGrad     bool // an inference copy: G stays empty
}

type request struct {
	group string
	n     int
	bind  func(w, g []float32)
}

type stateRequest struct {
	n    int
	bind func(s []float32)
}

// add reserves n trainable values for group; bind receives their value and
// gradient slices when Finalize allocates the storage.
func (p *ParamSet) add(group string, n int, bind func(w, g []float32)) {
	p.pending = append(p.pending, request{group, n, bind})
	p.wLen += n
}

// addState reserves n non-trained values.
func (p *ParamSet) addState(n int, bind func(s []float32)) {
	p.stateNeeds = append(p.stateNeeds, stateRequest{n, bind})
	p.sLen += n
}

// finalize allocates the flat storage and hands each layer its slices.
func (p *ParamSet) finalize() {
	if p.finalized {
		return
	}
	p.finalized = true
	if p.noGrad {
		p.W = make([]float32, p.wLen)
	} else {
		// A training set streams W and G every step (products, norms,
		// Adam): huge pages spare the TLB (hugeFloats). An inference copy
		// (Frozen) is made often and read little: ordinary pages.
		p.W = hugeFloats(p.wLen)
		p.G = hugeFloats(p.wLen)
	}
	p.State = make([]float32, p.sLen)
	off := 0
	for _, r := range p.pending {
		if n := len(p.Groups); n > 0 && p.Groups[n-1].Name == r.group {
			p.Groups[n-1].Len += r.n
		} else {
			p.Groups = append(p.Groups, Group{Name: r.group, Offset: off, Len: r.n})
		}
		var g []float32
		if !p.noGrad {
			g = p.G[off : off+r.n : off+r.n]
		}
		r.bind(p.W[off:off+r.n:off+r.n], g)
		off += r.n
	}
	off = 0
	for _, r := range p.stateNeeds {
		r.bind(p.State[off : off+r.n : off+r.n])
		off += r.n
	}
	p.pending, p.stateNeeds = nil, nil
}

// GradNorm returns the global L2 norm of all gradients.
func (p *ParamSet) GradNorm() float64 {
	t := p.normSums()
	var s float64
	for _, v := range t.partial {
		s += v
	}
	return math.Sqrt(s)
}

// GroupNorms writes the gradient L2 norm of each group into dst
// (len(dst) must be len(p.Groups)).
func (p *ParamSet) GroupNorms(dst []float64) {
	t := p.normSums()
	for i := range p.Groups {
		var s float64
		for _, v := range t.partial[t.first[i]:t.first[i+1]] {
			s += v
		}
		dst[i] = math.Sqrt(s)
	}
}

// ClipGradNorm scales the gradients so their global norm is at most maxNorm,
// with torch.nn.utils.clip_grad_norm_ semantics; norm is the global norm
// already computed by GradNorm (the value PyTorch returns).
func (p *ParamSet) ClipGradNorm(norm, maxNorm float64) {
	coef := maxNorm / (norm + 1e-6)
	if coef >= 1 {
		return
	}
	c := float32(coef)
	for i := range p.G {
		p.G[i] *= c
	}
}
