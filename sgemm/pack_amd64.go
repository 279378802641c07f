//go:build !noasm

package sgemm

//go:noescape
func packXAVX(d, s []float32, ld, kl, w int)

//go:noescape
func packKT8(d, s []float32, ld, kl8, w int)

//go:noescape
func packKT4(d, s []float32, ld, kl8, w int)

//go:noescape
func packKT2(d, s []float32, ld, kl8, w int)

// packXContigFast packs one full w-wide panel from an x-contiguous source
// with AVX (see packXContig); it reports false if it cannot.
func packXContigFast(d, s []float32, ld, kl, w int) bool {
	switch {
	case !hasAVX2FMA || kl <= 0:
		return false
	case w != 6 && w != 12 && w != 16 && w != 32:
		return false
	case len(d) < kl*w || len(s) < (kl-1)*ld+w:
		return false
	}
	packXAVX(d, s, ld, kl, w)
	return true
}

// packKContigFast packs one w-wide panel with v <= w valid rows from a
// k-contiguous source (see packKContig): 8×8, 4×8 and 2×8 AVX transposes
// up to a multiple of 8 in k, plain Go for the rest and the padding. It
// reports false if it cannot.
func packKContigFast(d, s []float32, ld, kl, w, v int) bool {
	switch {
	case !hasAVX2FMA || kl <= 0 || v <= 0 || v > w:
		return false
	case len(d) < kl*w || len(s) < (v-1)*ld+kl:
		return false
	}
	kl8 := kl &^ 7
	r := 0
	if kl8 > 0 {
		for ; v-r >= 8; r += 8 {
			packKT8(d[r:], s[r*ld:], ld, kl8, w)
		}
		if v-r >= 4 {
			packKT4(d[r:], s[r*ld:], ld, kl8, w)
			r += 4
		}
		if v-r >= 2 {
			packKT2(d[r:], s[r*ld:], ld, kl8, w)
			r += 2
		}
	}
	for ; r < v; r++ { // odd row left over, or all rows when kl < 8
		row := s[r*ld : r*ld+kl8]
		for l, e := range row {
			d[l*w+r] = e
		}
	}
	if kl8 < kl {
		for r := 0; r < v; r++ {
			row := s[r*ld+kl8 : r*ld+kl]
			for l, e := range row {
				d[(kl8+l)*w+r] = e
			}
		}
	}
	if v < w {
		for l := 0; l < kl; l++ {
			clear(d[l*w+v : l*w+w])
		}
	}
	return true
}
