package sgemm

// thin reports whether a product is computed as Cᵀ (see run).
func thin(kern *kernel, m, n int) bool { return n < kern.nr/2 && m > n }

// run computes the product described by the arguments, with pre and post
// (either may be nil) run on the rectangles of C around their products.
// If another goroutine's product owns the pool, or pool is not set, this
// one runs here, as one task, with spare buffers.
func run(pool bool, kern *kernel, aT, bT bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int, pre, post Rect, wholeRows bool, bias []float32) {
	pl := &thePool
	owner := pool && pl.mu.TryLock()
	ws := &pl.ws
	if owner {
		defer pl.mu.Unlock()
	} else {
		ws = getSpare()
		defer putSpare(ws)
	}
	tm := timing.Load()
	if tm != nil {
		tm.products.v.Add(1)
	}
	if !thin(kern, m, n) {
		compute(owner, ws, kern, aT, bT, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, pre, post, wholeRows, bias)
		return
	}
	// A thin C would waste most of each nr-wide tile: compute
	// Cᵀ = op(B)ᵀ·op(A)ᵀ instead, in a scratch buffer. Each element
	// gets the very same FMA chain (products commute exactly), so the
	// bits do not change. The hooks run on the whole of C, here.
	wholeHook(pre, m, n)
	var t0 int64
	if tm != nil {
		t0 = Now()
	}
	ws.ct = floats(ws.ct, n*m)
	t := ws.ct
	switch {
	case beta == 0:
	case bias != nil:
		for j, v := range bias[:n] {
			for i := range t[j*m : (j+1)*m] {
				t[j*m+i] = v
			}
		}
	default:
		for i := 0; i < m; i++ {
			for j, v := range c[i*ldc : i*ldc+n] {
				t[j*m+i] = v
			}
		}
	}
	if tm != nil {
		tm.Add(PartCopy, t0)
	}
	compute(owner, ws, kern, !bT, !aT, n, m, k, alpha, b, ldb, a, lda, beta, t, m, nil, nil, false, nil)
	if tm != nil {
		t0 = Now()
	}
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		for j := range row {
			row[j] = t[j*m+i]
		}
	}
	if tm != nil {
		tm.Add(PartCopy, t0)
	}
	wholeHook(post, m, n)
}

// wholeHook runs h, if not nil, on the whole m×n C, timed as a loop.
func wholeHook(h Rect, m, n int) {
	if h == nil || m == 0 || n == 0 {
		return
	}
	if tm := timing.Load(); tm != nil {
		defer tm.Add(PartLoop, Now())
	}
	h.Rect(0, m, 0, n)
}

// newProblem lays out one product and its task grid for w workers; with
// wholeRows every task spans all rows of C.
func newProblem(w int, kern *kernel, aT, bT bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int, pre, post Rect, wholeRows bool, bias []float32) problem {
	kc, nk := kBlocks(k)
	pr := problem{
		kern: kern, aT: aT, bT: bT, m: m, n: n, k: k,
		alpha: alpha, beta: beta, a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc,
		kc: kc, nk: nk, tr: 1, tc: 1, pre: pre, post: post, bias: bias,
	}
	if w > 1 {
		P, Q := (m+kern.mr-1)/kern.mr, (n+kern.nr-1)/kern.nr
		maxR := P
		if wholeRows {
			maxR = 1
		}
		g := splitGridRows(P, Q, kern.mr, kern.nr, k, w, kern.packCost, maxR)
		pr.tr, pr.tc = g.tr, g.tc
	}
	return pr
}

// shareWith is how many workers a product of m·n·k multiply-adds is
// split between when the caller owns the pool.
func shareWith(owner bool, m, n, k int) int {
	if owner && m*n*k >= parMinFMA {
		return min(workers(), maxHelpers+1)
	}
	return 1
}

// compute runs one product, split between the pool's helpers and the
// caller if the caller owns the pool and the product is big enough, on the
// caller alone otherwise. ws is the caller's workspace.
func compute(owner bool, ws *workspace, kern *kernel, aT, bT bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int, pre, post Rect, wholeRows bool, bias []float32) {
	w := shareWith(owner, m, n, k)
	pr := newProblem(w, kern, aT, bT, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, pre, post, wholeRows, bias)
	nt := pr.tasks()
	h := min(w, nt) - 1
	if h == 0 {
		for t := 0; t < nt; t++ {
			pr.runTask(t, ws)
		}
		return
	}
	pl := &thePool
	pl.prob[0] = pr
	pl.split = int64(nt)
	pl.dispatch(nt, h, ws)
	pl.prob[0] = problem{}
}
