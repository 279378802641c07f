//go:build !amd64 || noasm

package nn

func sumSquaresVec(v []float32, acc *[16]float64) int { return 0 }
