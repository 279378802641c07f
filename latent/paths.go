package latent

import "math"

// Lerp writes (1-t)·a + t·b into dst.
func Lerp(a, b []float32, t float64, dst []float32) {
	for i := range dst {
		dst[i] = float32((1-t)*float64(a[i]) + t*float64(b[i]))
	}
}

// Slerp writes into dst the point a fraction t along the spherical path
// from a to b: the direction moves along the great circle between a's and
// b's directions, and the norm moves linearly from |a| to |b|, so every
// point's norm lies between the ends' norms. Ends at the origin, or
// pointing the same way, fall back to Lerp; opposite ends turn through a
// direction perpendicular to a.
func Slerp(a, b []float32, t float64, dst []float32) {
	na, nb := norm(a), norm(b)
	if na == 0 || nb == 0 || len(a) < 2 {
		Lerp(a, b, t, dst)
		return
	}
	var dot float64
	for i := range a {
		dot += float64(a[i]) * float64(b[i])
	}
	cos := math.Max(-1, math.Min(1, dot/(na*nb)))
	omega := math.Acos(cos)
	r := (1-t)*na + t*nb
	if omega < 1e-6 {
		for i := range dst {
			dst[i] = float32(r * float64(a[i]) / na)
		}
		return
	}
	s := math.Sin(omega)
	if s < 1e-9 { // opposite: the great circle through some perpendicular
		perp := perpendicular(a, na)
		for i := range dst {
			ua := float64(a[i]) / na
			dst[i] = float32(r * (math.Cos(t*math.Pi)*ua + math.Sin(t*math.Pi)*perp[i]))
		}
		return
	}
	wa, wb := math.Sin((1-t)*omega)/s, math.Sin(t*omega)/s
	for i := range dst {
		dst[i] = float32(r * (wa*float64(a[i])/na + wb*float64(b[i])/nb))
	}
}

// Path returns steps points from a to b, both ends included, linear or
// spherical.
func Path(a, b []float32, steps int, spherical bool) [][]float32 {
	steps = max(steps, 2)
	out := make([][]float32, steps)
	for k := range out {
		out[k] = make([]float32, len(a))
		t := float64(k) / float64(steps-1)
		switch {
		case k == 0:
			copy(out[k], a)
		case k == steps-1:
			copy(out[k], b)
		case spherical:
			Slerp(a, b, t, out[k])
		default:
			Lerp(a, b, t, out[k])
		}
	}
	return out
}

// Traverse returns copies of base with dimension dim set to each of values
// in turn, the other dimensions held.
func Traverse(base []float32, dim int, values []float64) [][]float32 {
	out := make([][]float32, len(values))
	for k, v := range values {
		out[k] = append([]float32(nil), base...)
		out[k][dim] = float32(v)
	}
	return out
}

// Norm is the Euclidean length of z.
func Norm(z []float32) float64 { return norm(z) }

func norm(z []float32) float64 {
	var s float64
	for _, v := range z {
		s += float64(v) * float64(v)
	}
	return math.Sqrt(s)
}

// perpendicular returns a unit vector perpendicular to a (whose norm is na).
func perpendicular(a []float32, na float64) []float64 {
	// Gram-Schmidt on the basis vector a is least aligned with.
	small := 0
	for i := range a {
		if math.Abs(float64(a[i])) < math.Abs(float64(a[small])) {
			small = i
		}
	}
	p := make([]float64, len(a))
	p[small] = 1
	proj := float64(a[small]) / na
	var n float64
	for i := range p {
		p[i] -= proj * float64(a[i]) / na
		n += p[i] * p[i]
	}
	n = math.Sqrt(n)
	for i := range p {
		p[i] /= n
	}
	return p
}
