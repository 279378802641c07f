//go:build !amd64 || noasm

package nn

func colSumsStrip(dy, y, db []float32, rows, stride int, slope float32, mask bool) {
	colSumsGo(dy, y, db, rows, stride, slope, mask)
}

func activateVec(x []float32, slope float32) { activateGo(x, slope) }
