package trainer

import (
	"encoding/binary"
	"math"
	"testing"
)

// firstNonFinite finds the first NaN or ±Inf wherever it is in its blocks,
// and takes the largest and smallest finite values for finite.
func TestFirstNonFinite(t *testing.T) {
	a := make([]float32, 1500)
	for i := range a {
		a[i] = float32(i%7-3) * 1e3
	}
	a[1], a[2], a[3] = math.MaxFloat32, -math.MaxFloat32, math.SmallestNonzeroFloat32
	if i := firstNonFinite(a); i != -1 {
		t.Fatalf("finite values: got %d", i)
	}
	bad := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))}
	for _, at := range []int{0, 511, 512, 1023, 1499} {
		for _, v := range bad {
			b := append([]float32(nil), a...)
			b[at] = v
			b[min(at+700, len(b)-1)] = v // a later one is not the first
			if i := firstNonFinite(b); i != at {
				t.Fatalf("%v at %d: got %d", v, at, i)
			}
		}
	}
	if i := firstNonFinite(nil); i != -1 {
		t.Fatalf("empty: got %d", i)
	}
}

// decodeFloats reads little-endian float32s on any machine.
func TestDecodeFloats(t *testing.T) {
	want := []float32{0, -1.5, float32(math.Inf(1)), 3e-39, math.MaxFloat32}
	src := make([]byte, 4*len(want)+3) // bytes past the floats are left alone
	for i, v := range want {
		binary.LittleEndian.PutUint32(src[4*i:], math.Float32bits(v))
	}
	got := make([]float32, len(want))
	decodeFloats(got, src)
	for i := range want {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("float %d: got %v, want %v", i, got[i], want[i])
		}
	}
}
