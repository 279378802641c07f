package sgemm

// problem is one validated product, split into a tr×tc grid of tasks, each
// a rectangle of C that a single worker computes completely.
type problem struct {
	kern   *kernel
	aT, bT bool
	m, n   int
	k      int
	alpha  float32
	beta   float32
	a, b   []float32
	c      []float32
	lda    int
	ldb    int
	ldc    int
	kc, nk int // k-blocking: nk blocks of kc (last one shorter)
	tr, tc int // task grid
	// pre and post, when not nil, run on each task's rectangle of C just
	// before and just after the task computes it (see SgemmRect).
	pre, post Rect
	// bias, when not nil, stands for C's old values in every row (see
	// Call.Bias): the first k-block reads it instead of C.
	bias []float32
}

func (p *problem) tasks() int { return p.tr * p.tc }

// runTask computes task t (0 <= t < tr*tc) using the buffers of ws.
func (p *problem) runTask(t int, ws *workspace) {
	mr, nr := p.kern.mr, p.kern.nr
	P, Q := (p.m+mr-1)/mr, (p.n+nr-1)/nr
	r0, r1 := span(t/p.tc, p.tr, P)
	c0, c1 := span(t%p.tc, p.tc, Q)
	i0, i1, j0, j1 := r0*mr, min(p.m, r1*mr), c0*nr, min(p.n, c1*nr)
	if i0 >= i1 || j0 >= j1 {
		return
	}
	if p.pre != nil {
		p.hook(p.pre, i0, i1, j0, j1)
	}
	p.block(i0, i1, j0, j1, ws)
	if p.post != nil {
		p.hook(p.post, i0, i1, j0, j1)
	}
}

// hook runs h on a rectangle of C, timed as a loop.
func (p *problem) hook(h Rect, i0, i1, j0, j1 int) {
	if tm := timing.Load(); tm != nil {
		defer tm.Add(PartLoop, Now())
	}
	h.Rect(i0, i1, j0, j1)
}

// block computes rows [i0,i1) × columns [j0,j1) of C, Goto-style: for each
// column chunk and k-block, pack B once, then for each row chunk pack A and
// run the macro-kernel. The k-blocks are visited in order, so the summation order of an element does not depend on the
// rectangle.
func (p *problem) block(i0, i1, j0, j1 int, ws *workspace) {
	if i0 >= i1 || j0 >= j1 {
		return
	}
	mr, nr := p.kern.mr, p.kern.nr
	nrc, rsz := chunks(i1-i0, mcMax, mr)
	ncc, csz := chunks(j1-j0, ncMax, nr)
	// Grow the packing buffers straight to their bounds (rsz <= mcMax,
	// csz <= ncMax, kc <= kcMax): which worker gets which task varies, so
	// growing to the size at hand could allocate again long after warm-up
	// (a training step allocated ~0.4 MB every few hundred steps).
	ws.a = floatsCap(ws.a, rsz*p.kc, mcMax*kcMax)
	ws.b = floatsCap(ws.b, csz*p.kc, ncMax*kcMax)
	ws.tile = floats(ws.tile, mr*nr)
	tm := timing.Load()
	var t0 int64
	for jc := 0; jc < ncc; jc++ {
		ja, jb := j0+jc*csz, min(j1, j0+(jc+1)*csz)
		for kb := 0; kb < p.nk; kb++ {
			k0 := kb * p.kc
			kl := min(p.kc, p.k-k0)
			beta, bias := p.beta, p.bias
			if kb > 0 {
				beta, bias = 1, nil
			}
			if tm != nil {
				t0 = Now()
			}
			if p.bT {
				packKContig(ws.b, p.b, p.ldb, ja, jb, k0, kl, nr)
			} else {
				packXContig(ws.b, p.b, p.ldb, ja, jb, k0, kl, nr)
			}
			for ic := 0; ic < nrc; ic++ {
				ia, ib := i0+ic*rsz, min(i1, i0+(ic+1)*rsz)
				if p.aT {
					packXContig(ws.a, p.a, p.lda, ia, ib, k0, kl, mr)
				} else {
					packKContig(ws.a, p.a, p.lda, ia, ib, k0, kl, mr)
				}
				if tm != nil {
					t0 = tm.Add(PartPack, t0)
				}
				p.macro(ia, ib, ja, jb, kl, beta, bias, ws.a, ws.b, ws.tile)
				if tm != nil {
					t0 = tm.Add(PartKernel, t0)
				}
			}
		}
	}
}

// macro multiplies the packed blocks pa (rows [i0,i1)) and pb (columns
// [j0,j1)) into C. Full mr×nr tiles go straight to C, bottom-edge tiles
// through a tail kernel; other edge tiles go through the scratch tile,
// with the same kernel and the same alpha/beta arithmetic, so edge
// elements are computed exactly like interior ones. With bias not nil
// (and beta not 0), bias[j] stands for C's old value in every row: the
// kernel reads it when it can (tilesBias), else it is copied into the
// tile's rows of C first.
func (p *problem) macro(i0, i1, j0, j1, kl int, beta float32, bias, pa, pb, tile []float32) {
	if beta == 0 {
		bias = nil
	}
	kern := p.kern
	mr, nr := kern.mr, kern.nr
	rows, cols := i1-i0, j1-j0
	full := rows / mr
	ldc := p.ldc
	for jp := 0; jp*nr < cols; jp++ {
		bp := pb[jp*nr*kl : (jp+1)*nr*kl]
		w := min(nr, cols-jp*nr)
		off := i0*ldc + j0 + jp*nr
		var bv []float32 // the bias of these w columns
		if bias != nil {
			bv = bias[j0+jp*nr : j0+jp*nr+w]
		}
		ip := 0
		if w == nr && full > 0 {
			c := p.c[off:]
			if len(c) < (full*mr-1)*ldc+nr || len(pa) < full*mr*kl {
				panic("sgemm: internal error: short tile")
			}
			switch {
			case bv == nil:
				kern.tiles(full, kl, pa, bp, c, ldc, p.alpha, beta)
			case kern.tilesBias != nil:
				kern.tilesBias(full, kl, pa, bp, c, ldc, p.alpha, beta, bv)
			default:
				fillBias(full*mr, nr, bv, c, ldc)
				kern.tiles(full, kl, pa, bp, c, ldc, p.alpha, beta)
			}
			ip = full
		}
		for ; ip*mr < rows; ip++ {
			h := min(mr, rows-ip*mr)
			ap := pa[ip*mr*kl : (ip+1)*mr*kl]
			if f := kern.tailFor(h); f != nil && w == nr {
				c := p.c[off+ip*mr*ldc:]
				if len(c) < (h-1)*ldc+nr {
					panic("sgemm: internal error: short tile")
				}
				fillBias(h, nr, bv, c, ldc)
				f(h, kl, ap, bp, c, ldc, p.alpha, beta)
				continue
			}
			p.edge(ap, bp, off+ip*mr*ldc, h, w, kl, beta, bv, tile)
		}
	}
}

// edge computes one h×w (h <= mr, w <= nr) tile of C at c[off:] through the
// mr×nr scratch tile; bias, when not nil, stands for C's old rows.
func (p *problem) edge(a, b []float32, off, h, w, kl int, beta float32, bias, tile []float32) {
	nr := p.kern.nr
	ldc := p.ldc
	switch {
	case beta == 0:
	case bias != nil:
		fillBias(h, w, bias, tile, nr)
	default:
		for i := 0; i < h; i++ {
			copy(tile[i*nr:i*nr+w], p.c[off+i*ldc:off+i*ldc+w])
		}
	}
	p.kern.tiles(1, kl, a, b, tile, nr, p.alpha, beta)
	for i := 0; i < h; i++ {
		copy(p.c[off+i*ldc:off+i*ldc+w], tile[i*nr:i*nr+w])
	}
}
