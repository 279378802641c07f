//go:build amd64 && !noasm

package peak

// sum16 returns the sum of s; len(s) must be a multiple of 16.
//
//go:noescape
func sum16(s []float32) float32

// axpb16 sets s[i] = a·s[i] + b; len(s) must be a multiple of 16.
//
//go:noescape
func axpb16(s []float32, a, b float32)
