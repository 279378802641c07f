package sgemm

// goKernel is the portable micro-kernel: 4×4 tiles in plain Go. It is the
// only kernel on non-amd64 builds and serves as a cross-check in tests.
var goKernel = &kernel{name: "go4x4", mr: 4, nr: 4, packCost: 1, tiles: tilesGo4x4}

func tilesGo4x4(n, kc int, a, b, c []float32, ldc int, alpha, beta float32) {
	for p := 0; p < n; p++ {
		ap := a[p*4*kc : (p+1)*4*kc]
		bp := b[:4*kc]
		var c00, c01, c02, c03, c10, c11, c12, c13 float32
		var c20, c21, c22, c23, c30, c31, c32, c33 float32
		for l := 0; l < kc; l++ {
			av := ap[4*l : 4*l+4 : 4*l+4]
			bv := bp[4*l : 4*l+4 : 4*l+4]
			a0, a1, a2, a3 := av[0], av[1], av[2], av[3]
			b0, b1, b2, b3 := bv[0], bv[1], bv[2], bv[3]
			c00 += a0 * b0
			c01 += a0 * b1
			c02 += a0 * b2
			c03 += a0 * b3
			c10 += a1 * b0
			c11 += a1 * b1
			c12 += a1 * b2
			c13 += a1 * b3
			c20 += a2 * b0
			c21 += a2 * b1
			c22 += a2 * b2
			c23 += a2 * b3
			c30 += a3 * b0
			c31 += a3 * b1
			c32 += a3 * b2
			c33 += a3 * b3
		}
		cp := c[p*4*ldc:]
		storeRow4(cp[0*ldc:0*ldc+4], c00, c01, c02, c03, alpha, beta)
		storeRow4(cp[1*ldc:1*ldc+4], c10, c11, c12, c13, alpha, beta)
		storeRow4(cp[2*ldc:2*ldc+4], c20, c21, c22, c23, alpha, beta)
		storeRow4(cp[3*ldc:3*ldc+4], c30, c31, c32, c33, alpha, beta)
	}
}

func storeRow4(row []float32, x0, x1, x2, x3, alpha, beta float32) {
	row = row[:4:4]
	x0, x1, x2, x3 = alpha*x0, alpha*x1, alpha*x2, alpha*x3
	if beta != 0 {
		x0 += beta * row[0]
		x1 += beta * row[1]
		x2 += beta * row[2]
		x3 += beta * row[3]
	}
	row[0], row[1], row[2], row[3] = x0, x1, x2, x3
}
