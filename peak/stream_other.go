//go:build !amd64 || noasm

package peak

// sum16 returns the sum of s; len(s) must be a multiple of 16. Four
// accumulators break the add latency chain.
func sum16(s []float32) float32 {
	var a, b, c, d float32
	for i := 0; i+3 < len(s); i += 4 {
		a += s[i]
		b += s[i+1]
		c += s[i+2]
		d += s[i+3]
	}
	return (a + b) + (c + d)
}

// axpb16 sets s[i] = a·s[i] + b; len(s) must be a multiple of 16.
func axpb16(s []float32, a, b float32) {
	for i := range s {
		s[i] = a*s[i] + b
	}
}
