package sgemm

// Cache blocking. The k-blocking depends on k alone (never on the number
// of workers or the tiling), so every element of C is accumulated in the
// same order whatever the parallel split: that is what makes results
// bit-identical across GOMAXPROCS values.
const (
	kcMax = 320  // max depth of one packed block (B micro-panel ~20-40 KB: L1)
	mcMax = 264  // max rows of a packed A block (multiple of 4, 6, 12)
	ncMax = 1024 // max columns of a packed B block (multiple of 4, 16, 32)
	// parMinFMA is the product size m*n*k below which a call runs on the
	// calling goroutine only.
	parMinFMA = 1 << 18
	// maxTasksPerWorker bounds the task grid considered by splitGrid.
	maxTasksPerWorker = 2
)

// kBlocks splits k into nb blocks of kc (the last one possibly shorter),
// balanced so that no block is tiny.
func kBlocks(k int) (kc, nb int) {
	nb = (k + kcMax - 1) / kcMax
	kc = (k + nb - 1) / nb
	kc = (kc + 7) &^ 7 // keep panels 32-byte multiples; still <= kcMax
	nb = (k + kc - 1) / kc
	return kc, nb
}

// span returns the bounds of part g of n units split into nearly equal
// parts.
func span(g, parts, n int) (lo, hi int) {
	return g * n / parts, (g + 1) * n / parts
}

// chunks returns how many chunks of at most limit elements (each a multiple
// of unit except the last) cover n elements, and the chunk size.
func chunks(n, limit, unit int) (count, size int) {
	count = (n + limit - 1) / limit
	size = (n + count - 1) / count
	size = (size + unit - 1) / unit * unit
	count = (n + size - 1) / size
	return count, size
}

// grid is a split of C into tr×tc tasks.
type grid struct{ tr, tc int }

// splitGrid chooses a tr×tc grid of tasks over the P×Q micro-tiles of C
// (mr×nr each, depth k) for w workers, minimising an estimate of the
// makespan in kernel vector lanes: rounds of the largest task's
// multiply-adds, its packing (each task packs the A rows and B columns of
// its rectangle, so splitting both ways repeats packing) and a fixed
// overhead. Measured on 2 cores, few large tasks beat many small ones:
// the packing saved outweighs the better balance.
func splitGrid(P, Q, mr, nr, k, w, packCost int) grid {
	return splitGridRows(P, Q, mr, nr, k, w, packCost, P)
}

// splitGridRows is splitGrid with at most maxR task rows (1: every task
// spans all rows of C).
func splitGridRows(P, Q, mr, nr, k, w, packCost, maxR int) grid {
	const taskOverhead = 16384
	best, bestCost := grid{1, 1}, -1
	for r := 1; r <= P && r <= maxR && r <= maxTasksPerWorker*w; r++ {
		for q := 1; q <= Q && r*q <= maxTasksPerWorker*w; q++ {
			rows := (P + r - 1) / r * mr
			cols := (Q + q - 1) / q * nr
			task := rows*cols*k + packCost*(rows+cols)*k + taskOverhead
			cost := (r*q + w - 1) / w * task
			if bestCost < 0 || cost < bestCost {
				best, bestCost = grid{r, q}, cost
			}
		}
	}
	return best
}
