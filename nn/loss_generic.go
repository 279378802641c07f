//go:build !amd64 || noasm

package nn

func sigmoidBCE(l, x, p, dl []float32) float64 { return sigmoidBCEGo(l, x, p, dl, 0) }
