package sgemm

// Packing copies a block of op(A) or op(B) into w-wide panels: panel p of
// the packed block holds, for l = 0..kl-1, the w elements x0+p*w .. x0+p*w+w-1
// of "k-row" k0+l contiguously (dst[p*w*kl + l*w + r]). Rows of A and
// columns of B are both "x" here, so one pair of routines serves both, and
// the transposes are absorbed: a source is either x-contiguous (A
// transposed, B not) or k-contiguous (A not transposed, B transposed).
// Panels past x1 are zero-padded to the full width w.

// packXContig packs from src where element (x, l) is src[l*ld+x].
func packXContig(dst, src []float32, ld, x0, x1, k0, kl, w int) {
	for p, x := 0, x0; x < x1; p, x = p+1, x+w {
		v := min(w, x1-x)
		d := dst[p*w*kl : (p+1)*w*kl]
		s := src[k0*ld+x:]
		if v == w && packXContigFast(d, s, ld, kl, w) {
			continue
		}
		for l := 0; l < kl; l++ {
			dl := d[l*w : l*w+w]
			copy(dl, s[l*ld:l*ld+v])
			clear(dl[v:])
		}
	}
}

// packKContig packs from src where element (x, l) is src[x*ld+l].
func packKContig(dst, src []float32, ld, x0, x1, k0, kl, w int) {
	for p, x := 0, x0; x < x1; p, x = p+1, x+w {
		v := min(w, x1-x)
		d := dst[p*w*kl : (p+1)*w*kl]
		s := src[x*ld+k0:]
		if packKContigFast(d, s, ld, kl, w, v) {
			continue
		}
		for r := 0; r < v; r++ {
			row := s[r*ld : r*ld+kl]
			for l, e := range row {
				d[l*w+r] = e
			}
		}
		if v < w {
			for l := 0; l < kl; l++ {
				clear(d[l*w+v : l*w+w])
			}
		}
	}
}
