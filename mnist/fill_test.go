package mnist

import (
	"math"
	"strings"
	"testing"
)

func TestPixelScale(t *testing.T) {
	for i := 0; i < 256; i++ {
		// Rounding the float64 quotient to float32 gives the correctly
		// rounded float32 quotient (double rounding is harmless for division
		// when 53 >= 2*24+2), i.e. numpy's float32(i)/255.
		want := float32(float64(i) / 255)
		if got := PixelValue(uint8(i)); got != want {
			t.Fatalf("PixelValue(%d) = %v, want %v", i, got, want)
		}
	}
	if PixelValue(0) != 0 || PixelValue(255) != 1 {
		t.Fatal("ends of the range are not exact")
	}
	if bits := math.Float32bits(PixelValue(1)); bits != 0x3b808081 {
		t.Fatalf("1/255 = %#x, want 0x3b808081", bits)
	}
}

func testImages() *Images {
	im := &Images{N: 3, Rows: 2, Cols: 2}
	for k := 0; k < 12; k++ {
		im.Pixels = append(im.Pixels, uint8(k*20))
	}
	return im
}

func TestFill(t *testing.T) {
	im := testImages()
	dst := make([]float32, 13)
	dst[12] = -1
	im.Fill(dst, []int{2, 0, 2})
	want := []int{8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11}
	for i, k := range want {
		if dst[i] != PixelValue(uint8(k*20)) {
			t.Fatalf("dst[%d] = %v, want pixel %d = %v", i, dst[i], k, PixelValue(uint8(k*20)))
		}
	}
	if dst[12] != -1 {
		t.Fatal("Fill wrote past its images")
	}
	im.Fill(nil, nil) // nothing to do
}

func TestFillRange(t *testing.T) {
	im := testImages()
	dst := make([]float32, 8)
	im.FillRange(dst, 1, 2)
	for i := range dst {
		if dst[i] != PixelValue(uint8((4+i)*20)) {
			t.Fatalf("dst[%d] = %v", i, dst[i])
		}
	}
	im.FillRange(dst, 3, 0) // empty range at the end is fine
}

func TestFillPanics(t *testing.T) {
	im := testImages()
	cases := map[string]func(){
		"short dst":       func() { im.Fill(make([]float32, 7), []int{0, 1}) },
		"negative index":  func() { im.Fill(make([]float32, 4), []int{-1}) },
		"index too big":   func() { im.Fill(make([]float32, 4), []int{3}) },
		"range past end":  func() { im.FillRange(make([]float32, 8), 2, 2) },
		"negative start":  func() { im.FillRange(make([]float32, 8), -1, 1) },
		"negative count":  func() { im.FillRange(make([]float32, 8), 0, -1) },
		"range short dst": func() { im.FillRange(make([]float32, 7), 0, 2) },
		"image bad index": func() { im.Image(3) },
	}
	for name, fn := range cases {
		t.Run(name, func(t *testing.T) {
			defer func() {
				r := recover()
				if msg, ok := r.(string); !ok || !strings.HasPrefix(msg, "mnist: ") {
					t.Fatalf("recovered %v, want a mnist panic message", r)
				}
			}()
			fn()
		})
	}
}

func TestFillAllocatesNothing(t *testing.T) {
	im, dst, idx := benchBatch()
	if n := testing.AllocsPerRun(10, func() { im.Fill(dst, idx) }); n != 0 {
		t.Errorf("Fill: %v allocs", n)
	}
	if n := testing.AllocsPerRun(10, func() { im.FillRange(dst, 500, len(idx)) }); n != 0 {
		t.Errorf("FillRange: %v allocs", n)
	}
}

// benchBatch returns 1000 synthetic 28×28 images, a 128-image buffer and
// 128 scattered indices.
func benchBatch() (*Images, []float32, []int) {
	im := &Images{N: 1000, Rows: 28, Cols: 28, Pixels: make([]uint8, 1000*784)}
	for i := range im.Pixels {
		im.Pixels[i] = uint8(i * 31)
	}
	idx := make([]int, 128)
	for i := range idx {
		idx[i] = (i * 337) % im.N
	}
	return im, make([]float32, 128*784), idx
}

func BenchmarkFill128(b *testing.B) {
	im, dst, idx := benchBatch()
	b.SetBytes(int64(len(idx) * 784))
	b.ReportAllocs()
	for b.Loop() {
		im.Fill(dst, idx)
	}
}

func BenchmarkFillRange128(b *testing.B) {
	im, dst, idx := benchBatch()
	b.SetBytes(int64(len(idx) * 784))
	b.ReportAllocs()
	for b.Loop() {
		im.FillRange(dst, 256, len(idx))
	}
}
