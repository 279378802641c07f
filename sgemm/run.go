package sgemm

// run computes the product described by the arguments. If another
// goroutine's product owns the pool, or pool is not set, this one runs
// here, as one task, with spare buffers.
func run(pool bool, kern *kernel, aT, bT bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	pl := &thePool
	owner := pool && pl.mu.TryLock()
	ws := &pl.ws
	if owner {
		defer pl.mu.Unlock()
	} else {
		ws = getSpare()
		defer putSpare(ws)
	}
	if n < kern.nr/2 && m > n {
		// A thin C would waste most of each nr-wide tile: compute
		// Cᵀ = op(B)ᵀ·op(A)ᵀ instead, in a scratch buffer. Each element
		// gets the very same FMA chain (products commute exactly), so the
		// bits do not change.
		ws.ct = floats(ws.ct, n*m)
		t := ws.ct
		if beta != 0 {
			for i := 0; i < m; i++ {
				for j, v := range c[i*ldc : i*ldc+n] {
					t[j*m+i] = v
				}
			}
		}
		compute(owner, ws, kern, !bT, !aT, n, m, k, alpha, b, ldb, a, lda, beta, t, m)
		for i := 0; i < m; i++ {
			row := c[i*ldc : i*ldc+n]
			for j := range row {
				row[j] = t[j*m+i]
			}
		}
	} else {
		compute(owner, ws, kern, aT, bT, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	}
}

// compute runs one product, split between the pool's helpers and the
// caller if the caller owns the pool and the product is big enough, on the
// caller alone otherwise. ws is the caller's workspace.
func compute(owner bool, ws *workspace, kern *kernel, aT, bT bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	kc, nk := kBlocks(k)
	pr := problem{
		kern: kern, aT: aT, bT: bT, m: m, n: n, k: k,
		alpha: alpha, beta: beta, a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc,
		kc: kc, nk: nk, tr: 1, tc: 1,
	}
	w := 1
	if owner && m*n*k >= parMinFMA {
		w = min(workers(), maxHelpers+1)
	}
	if w > 1 {
		g := splitGrid((m+kern.mr-1)/kern.mr, (n+kern.nr-1)/kern.nr, kern.mr, kern.nr, k, w, kern.packCost)
		pr.tr, pr.tc = g.tr, g.tc
	}
	nt := pr.tasks()
	h := min(w, nt) - 1
	if h == 0 {
		for t := 0; t < nt; t++ {
			pr.runTask(t, ws)
		}
		return
	}
	pl := &thePool
	pl.prob = pr
	pl.dispatch(nt, h, ws)
	pl.prob = problem{}
}
