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
	k := int32(a*log2e + 0.5)
	kf := float32(k)
	r := kf*ln2Hi - a + kf*ln2Lo
	p := 1 + r*(1+r*(1.0/2+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720+r*(1.0/5040)))))))
	return p * math.Float32frombits(uint32(127-k)<<23)
}

// log1p01 returns ln(1+e) for e in [0, 1] as 2·atanh(e/(2+e)), whose series
// in s = e/(2+e) <= 1/3 converges fast and loses nothing for small e.
func log1p01(e float32) float32 {
	s := e / (2 + e)
	s2 := s * s
	return 2 * s * (1 + s2*(1.0/3+s2*(1.0/5+s2*(1.0/7+s2*(1.0/9+s2*(1.0/11+s2*(1.0/13)))))))
}
