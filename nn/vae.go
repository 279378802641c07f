package nn

import (
	"fmt"
	"math"

	"github.com/vaetop/vaetop/par"
)

// Loss holds the summed losses of a batch.
type Loss struct {
	Rec float64 // reconstruction (BCE or MSE, summed)
	KL  float64 // KL divergence, summed, before β
	// KLTrained is the KL term the step's gradient follows, summed: KL
	// itself, or with free bits n·Σ_d max(λ, KL_d) (Step only).
	KLTrained float64
}

// VAE is the tutorial's variational autoencoder with every variant of its
// exercises. All buffers are sized for MaxBatch rows at construction, so a
// training step allocates nothing; larger evaluation inputs are chunked.
type VAE struct {
	Cfg      Config
	Params   *ParamSet
	MaxBatch int
	// FreeBits is λ of free bits (Kingma et al., 2016): the training loss
	// counts each latent unit's batch-mean KL as at least λ nats, so a
	// unit below λ gets no KL gradient. 0 turns it off.
	FreeBits float64

	// Noise draws reparameterisation and dropout noise during training.
	Noise *RNG

	enc   []block
	head  *Linear // hidden → [mu | logvar], 2·Latent columns
	zdrop *Dropout
	dec   []block
	out   *Linear

	xin, zbuf, zin, eps, std []float32
	dz, dhead, xhat, dlogits []float32
	klRow                    []float64 // KL per row of the last reparameterise
	klDim                    []float64 // batch-mean KL per unit (free bits)
	betaDim                  []float32 // the KL weight of each unit in the backward pass
	head0                    Mat       // head output of the last forward
	recon                    reconTask
	latent                   latentTask
	here                     bool // compute on the calling goroutine alone (Frozen)
}

// inCols is the encoder input width, zCols the decoder input width.
func (v *VAE) inCols() int {
	if v.Cfg.Conditional {
		return v.Cfg.Input + Classes
	}
	return v.Cfg.Input
}

func (v *VAE) zCols() int {
	if v.Cfg.Conditional {
		return v.Cfg.Latent + Classes
	}
	return v.Cfg.Latent
}

// New builds a VAE and initialises it from seed like PyTorch's defaults.
func New(cfg Config, maxBatch int, seed uint64) (*VAE, error) {
	v, err := build(cfg, maxBatch, seed, true)
	if err != nil {
		return nil, err
	}
	init := NewRNG(seed, streamInit)
	for i := range v.enc {
		v.enc[i].init(init)
	}
	// The two heads are separate Linear(h, L) layers in PyTorch with the
	// same fan-in, so one h×2L layer has the same initial distribution.
	v.head.Init(init)
	for i := range v.dec {
		v.dec[i].init(init)
	}
	v.out.Init(init)
	return v, nil
}

// build lays out the layers and buffers of a VAE with zero weights;
// grads says whether to give it gradients (an inference copy has none).
func build(cfg Config, maxBatch int, seed uint64, grads bool) (*VAE, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if maxBatch < 1 {
		return nil, fmt.Errorf("batch size %d must be positive", maxBatch)
	}
	v := &VAE{Cfg: cfg, Params: &ParamSet{noGrad: !grads}, MaxBatch: maxBatch, Noise: NewRNG(seed, streamNoise)}
	ps := v.Params
	in := v.inCols()
	for i, h := range cfg.Hidden {
		v.enc = append(v.enc, newBlock(ps, fmt.Sprintf("enc%d", i+1), in, h, maxBatch, cfg, v.Noise))
		in = h
	}
	v.enc[0].lin.NoInputGrad = true
	L := cfg.Latent
	v.head = NewLinear(ps, "mu|logvar", in, 2*L, maxBatch)
	if cfg.LatentDropout > 0 {
		v.zdrop = NewDropout(float32(cfg.LatentDropout), v.Noise, maxBatch, L)
	}
	in = v.zCols()
	for i := len(cfg.Hidden) - 1; i >= 0; i-- {
		h := cfg.Hidden[i]
		v.dec = append(v.dec, newBlock(ps, fmt.Sprintf("dec%d", len(cfg.Hidden)-i), in, h, maxBatch, cfg, v.Noise))
		in = h
	}
	v.out = NewLinear(ps, "out", in, cfg.Input, maxBatch)
	ps.finalize()

	B := maxBatch
	if cfg.Conditional {
		v.xin = make([]float32, B*v.inCols())
		v.zin = make([]float32, B*v.zCols())
	}
	v.zbuf = make([]float32, B*L)
	v.eps = make([]float32, B*L)
	v.std = make([]float32, B*L)
	v.klRow = make([]float64, B)
	v.klDim = make([]float64, L)
	v.betaDim = make([]float32, L)
	v.dz = make([]float32, B*L)
	v.dhead = make([]float32, B*2*L)
	v.xhat = make([]float32, B*cfg.Input)
	v.dlogits = make([]float32, B*cfg.Input)
	return v, nil
}

// Streams of one seed, so that e.g. UI queries never shift training noise.
const (
	streamInit uint64 = iota + 1
	streamNoise
)

func (b *block) init(rng *RNG) {
	b.lin.Init(rng)
	if b.bn != nil {
		b.bn.Init()
	}
}

// encoderInput joins the one-hot labels to x for a conditional model.
func (v *VAE) encoderInput(x Mat, labels []uint8) Mat {
	if !v.Cfg.Conditional {
		return x
	}
	return withOneHot(x, labels, v.xin)
}

// withOneHot writes each row of m followed by its label's one-hot code
// into buf and returns that (m.Rows × m.Cols+Classes) matrix.
func withOneHot(m Mat, labels []uint8, buf []float32) Mat {
	w := m.Cols + Classes
	out := view(buf, m.Rows, w)
	for r := 0; r < m.Rows; r++ {
		row := out.Data[r*w : (r+1)*w]
		copy(row, m.Row(r))
		oneHot(row[m.Cols:], labelAt(labels, r))
	}
	return out
}

// labelAt is labels[r], or an out-of-range label (an all-zero one-hot)
// when no labels were given.
func labelAt(labels []uint8, r int) uint8 {
	if r < len(labels) {
		return labels[r]
	}
	return 255
}

func oneHot(dst []float32, label uint8) {
	for i := range dst {
		dst[i] = 0
	}
	if int(label) < len(dst) {
		dst[label] = 1
	}
}

// decoderInput joins the one-hot labels to z for a conditional model.
func (v *VAE) decoderInput(z Mat, labels []uint8) Mat {
	if !v.Cfg.Conditional {
		return z
	}
	return withOneHot(z, labels, v.zin)
}

// encode runs the encoder and returns the head: columns [0,L) are mu,
// [L,2L) logvar.
func (v *VAE) encode(x Mat, labels []uint8, train bool) Mat {
	h := v.encoderInput(x, labels)
	for i := range v.enc {
		h = v.enc[i].forward(h, train)
	}
	v.head0 = v.head.Forward(h, train)
	return v.head0
}

// reparameterise writes z = mu + exp(logvar/2)·eps into zbuf, keeping eps
// and the std for backward, and each row's KL divergence into klRow (see
// latentTask). With rng nil, eps = 0 (z = mu).
func (v *VAE) reparameterise(head Mat, rng *RNG) Mat {
	L := v.Cfg.Latent
	n := head.Rows
	// The noise is drawn serially, in row-major order as always; the
	// rest is per row and runs in parallel.
	eps := v.eps[:n*L]
	for i := range eps {
		var e float32
		if rng != nil {
			e = rng.Normal()
		}
		eps[i] = e
	}
	z := view(v.zbuf, n, L)
	v.latent = latentTask{head: head, z: z.Data, eps: eps, std: v.std[:n*L], kl: v.klRow[:n], L: L}
	forChunks(v.here, min(n, passChunks), &v.latent)
	v.latent = latentTask{}
	return z
}

// klSum is klSum2 of the last reparameterised head: the rows' KL added in
// row order, exactly as klSum2 adds them.
func (v *VAE) klSum(n int) float64 {
	var s float64
	for _, k := range v.klRow[:n] {
		s += k
	}
	return s
}

// latentTask computes, per chunk of rows, std = exp(logvar/2), z and the
// row's KL (KLSum of the row, as klSum2 computes it).
type latentTask struct {
	head        Mat
	z, eps, std []float32
	kl          []float64
	L           int
}

func (t *latentTask) Chunk(c int) {
	L := t.L
	lo, hi := par.Split(t.head.Rows, min(t.head.Rows, passChunks), c)
	for r := lo; r < hi; r++ {
		hr := t.head.Data[r*2*L : (r+1)*2*L]
		zr := t.z[r*L : (r+1)*L]
		er := t.eps[r*L : (r+1)*L]
		sr := t.std[r*L : (r+1)*L]
		for j := 0; j < L; j++ {
			s := float32(math.Exp(0.5 * float64(hr[L+j])))
			sr[j] = s
			zr[j] = hr[j] + s*er[j]
		}
		t.kl[r] = KLSum(hr[:L], hr[L:2*L])
	}
}

// decodeLogits runs the decoder from z (n×Latent) to output logits.
func (v *VAE) decodeLogits(z Mat, labels []uint8, train bool) Mat {
	d := v.decoderInput(z, labels)
	for i := range v.dec {
		d = v.dec[i].forward(d, train)
	}
	return v.out.Forward(d, train)
}

// Step runs forward and backward on one training batch (x: n×Input pixels in
// [0,1], labels used only by a conditional model) for loss Rec + β·KL and
// overwrites Params.G with the gradient. It allocates nothing.
func (v *VAE) Step(x Mat, labels []uint8, beta float32) Loss {
	n, L := x.Rows, v.Cfg.Latent
	if n > v.MaxBatch {
		panic(fmt.Sprintf("nn: batch of %d rows exceeds MaxBatch %d", n, v.MaxBatch))
	}
	head := v.encode(x, labels, true)
	z := v.reparameterise(head, v.Noise)
	if v.zdrop != nil {
		z = v.zdrop.Forward(z, true)
	}
	logits := v.decodeLogits(z, labels, true)
	loss := Loss{Rec: v.reconstruction(logits, x, true), KL: v.klSum(n)}
	loss.KLTrained = v.weighKL(head, n, beta, loss.KL)
	bd := v.betaDim

	// Each dx product also makes the first backward pass (activation and
	// bias gradient) of the plain block it feeds (see Linear.backward).
	bl, ba := belowOf(v.blockAt(v.dec, len(v.dec)-1))
	dd, done := v.out.backward(view(v.dlogits, n, v.Cfg.Input), nil, false, bl, ba)
	for i := len(v.dec) - 1; i >= 0; i-- {
		dd, done = v.dec[i].backward(dd, done, v.blockAt(v.dec, i-1))
	}
	dz := dd
	if v.Cfg.Conditional { // keep only the z columns of the decoder input grad
		dz = view(v.dz, n, L)
		w := v.zCols()
		for r := 0; r < n; r++ {
			copy(dz.Data[r*L:(r+1)*L], dd.Data[r*w:r*w+L])
		}
	}
	if v.zdrop != nil {
		dz = v.zdrop.Backward(dz)
	}
	dh := view(v.dhead, n, 2*L)
	for r := 0; r < n; r++ {
		hr := head.Data[r*2*L : (r+1)*2*L]
		gr := dh.Data[r*2*L : (r+1)*2*L]
		zr := dz.Data[r*L : (r+1)*L]
		er := v.eps[r*L : (r+1)*L]
		sr := v.std[r*L : (r+1)*L]
		for j := 0; j < L; j++ {
			s := sr[j]
			gr[j] = zr[j] + bd[j]*hr[j]
			gr[L+j] = zr[j]*er[j]*0.5*s + bd[j]*0.5*(s*s-1)
		}
	}
	bl, ba = belowOf(v.blockAt(v.enc, len(v.enc)-1))
	dh, done = v.head.backward(dh, nil, false, bl, ba)
	for i := len(v.enc) - 1; i >= 0; i-- {
		dh, done = v.enc[i].backward(dh, done, v.blockAt(v.enc, i-1))
	}
	return loss
}

// blockAt is &bs[i], or nil when i is out of range.
func (v *VAE) blockAt(bs []block, i int) *block {
	if i < 0 || i >= len(bs) {
		return nil
	}
	return &bs[i]
}

// weighKL sets each unit's KL weight for the backward pass and returns the
// KL term the gradient follows. Without free bits every unit gets β and
// the term is the KL itself. With free bits λ, a unit whose batch-mean KL
// is below λ contributes the constant λ, so its weight is 0.
func (v *VAE) weighKL(head Mat, n int, beta float32, kl float64) float64 {
	L := v.Cfg.Latent
	if v.FreeBits <= 0 {
		for j := range v.betaDim {
			v.betaDim[j] = beta
		}
		return kl
	}
	for j := range v.klDim {
		v.klDim[j] = 0
	}
	for r := 0; r < n; r++ {
		hr := head.Data[r*2*L : (r+1)*2*L]
		sr := v.std[r*L : (r+1)*L]
		for j := 0; j < L; j++ {
			m, s := float64(hr[j]), float64(sr[j])
			v.klDim[j] += 0.5 * (m*m + s*s - 1 - float64(hr[L+j]))
		}
	}
	var trained float64
	for j, k := range v.klDim {
		k /= float64(n)
		if k >= v.FreeBits {
			v.betaDim[j] = beta
			trained += k
		} else {
			v.betaDim[j] = 0
			trained += v.FreeBits
		}
	}
	return trained * float64(n)
}

// klSum2 is KLSum over a head matrix whose columns are [mu | logvar].
func klSum2(head Mat) float64 {
	L := head.Cols / 2
	var s float64
	for r := 0; r < head.Rows; r++ {
		row := head.Data[r*head.Cols : (r+1)*head.Cols]
		s += KLSum(row[:L], row[L:2*L])
	}
	return s
}

// LastHead returns [mu | logvar] of the last forward pass (n×2·Latent).
func (v *VAE) LastHead() Mat { return v.head0 }

// MatMulFLOPs is the floating-point work of the matrix products of one
// training step on n images: forward, weight gradients and input gradients
// (the first layer has none), 2 FLOPs per multiply-add.
func (v *VAE) MatMulFLOPs(n int) float64 {
	var f float64
	add := func(l *Linear) {
		mults := 2.0
		if !l.NoInputGrad {
			mults = 3
		}
		f += mults * 2 * float64(n) * float64(l.In) * float64(l.Out)
	}
	for i := range v.enc {
		add(v.enc[i].lin)
	}
	add(v.head)
	for i := range v.dec {
		add(v.dec[i].lin)
	}
	add(v.out)
	return f
}
