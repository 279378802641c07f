package nn

import "math"

// Float32 exp and log1p for the output layer's fused sigmoid + BCE, which
// runs on every pixel of every batch. math.Exp and math.Log1p work in
// float64 and cost several times more; these stay within a few float32 ulps,
// well below the noise of a float32 network, and are deterministic.

const (
	log2e = 1.44269504088896340736
	ln2Hi = 0.693145751953125 // ln 2 split so kf·ln2Hi is exact
	ln2Lo = 1.428606765330187045e-06
)

// expNeg returns e^-a for a >= 0 (0 once the result would be subnormal).
func expNeg(a float32) float32 {
	if a > 87 {
		return 0
	}
	// -a = k·ln2 + r with |r| <= ln2/2; a >= 0, so truncation rounds.
	k := int32(float32(a*log2e) + 0.5)
	kf := float32(k)
	r := float32(float32(kf*ln2Hi)-a) + float32(kf*ln2Lo)
	return expPoly(r) * math.Float32frombits(uint32(127-k)<<23)
}

// The explicit float32 conversions in these polynomials stop the compiler
// from fusing multiply-adds (it does with GOAMD64=v3): the assembly loss
// kernels reproduce these exact roundings.

// expPoly is e^r for |r| <= ln2/2 (Taylor to r^7, Horner).
func expPoly(r float32) float32 {
	q := float32(r*(1.0/5040)) + 1.0/720
	q = float32(r*q) + 1.0/120
	q = float32(r*q) + 1.0/24
	q = float32(r*q) + 1.0/6
	q = float32(r*q) + 1.0/2
	q = float32(r*q) + 1
	return float32(r*q) + 1
}

// log1p01 returns ln(1+e) for e in [0, 1] as 2·atanh(e/(2+e)), whose series
// in s = e/(2+e) <= 1/3 converges fast and loses nothing for small e.
func log1p01(e float32) float32 {
	s := e / (2 + e)
	s2 := s * s
	q := float32(s2*(1.0/13)) + 1.0/11
	q = float32(s2*q) + 1.0/9
	q = float32(s2*q) + 1.0/7
	q = float32(s2*q) + 1.0/5
	q = float32(s2*q) + 1.0/3
	q = float32(s2*q) + 1
	return 2 * s * q
}
