package nn

import (
	"math"
	"testing"
)

// lossFn evaluates a scalar loss (in float64) for the current values.
type lossFn func() float64

// checkGrad compares analytic gradients with central differences for each
// element of vals (perturbed in place). h and tol suit float32 forward
// passes: the loss is summed in float64, and the tolerance is absolute plus
// relative to the gradient's size.
func checkGrad(t *testing.T, name string, vals, grad []float32, f lossFn, h, tol float64) {
	t.Helper()
	gradCheck(t, name, vals, grad, f, h, tol, false)
}

// checkGradKinked is checkGrad for functions with ReLU kinks: where the
// one-sided slopes disagree the derivative is undefined and the element is
// skipped, as long as that happens to at most 5% of them.
func checkGradKinked(t *testing.T, name string, vals, grad []float32, f lossFn, h, tol float64) {
	t.Helper()
	gradCheck(t, name, vals, grad, f, h, tol, true)
}

func gradCheck(t *testing.T, name string, vals, grad []float32, f lossFn, h, tol float64, skipKinks bool) {
	t.Helper()
	bad, kinks := 0, 0
	l0 := f()
	for i := range vals {
		orig := vals[i]
		vals[i] = orig + float32(h)
		lp := f()
		vals[i] = orig - float32(h)
		lm := f()
		vals[i] = orig
		num := (lp - lm) / (2 * h)
		ana := float64(grad[i])
		// A ReLU kink inside [x-h, x+h] makes the one-sided slopes
		// disagree; the derivative is not defined there, so skip it.
		right, left := (lp-l0)/h, (l0-lm)/h
		if skipKinks && math.Abs(right-left) > tol*(1+math.Abs(num)) {
			kinks++
			continue
		}
		if math.Abs(num-ana) > tol*(1+math.Abs(ana)) {
			if bad < 5 {
				t.Errorf("%s[%d]: analytic %.6g, numeric %.6g", name, i, ana, num)
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d gradients off", name, bad, len(vals))
	}
	if kinks*20 > len(vals) {
		t.Errorf("%s: %d of %d checks hit a kink; too many to trust the test", name, kinks, len(vals))
	}
}

// weighted is Σ w·y in float64: a loss whose gradient w.r.t. y is w.
func weighted(y Mat, w []float32) float64 {
	var s float64
	for i, v := range y.Data {
		s += float64(v) * float64(w[i])
	}
	return s
}

func randMat(rng *RNG, rows, cols int, scale float32) Mat {
	m := NewMat(rows, cols)
	for i := range m.Data {
		m.Data[i] = rng.Normal() * scale
	}
	return m
}

// awayFromZero pushes values out of (-margin, margin) so a finite
// difference never straddles a ReLU kink.
func awayFromZero(m Mat, margin float32) {
	for i, v := range m.Data {
		if v >= 0 && v < margin {
			m.Data[i] = v + margin
		} else if v < 0 && v > -margin {
			m.Data[i] = v - margin
		}
	}
}
