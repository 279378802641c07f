package mnist

import "fmt"

// pixelScale maps a uint8 pixel to float32(v)/float32(255), the value numpy
// gives for x.astype(float32)/255 (one correctly rounded float32 division).
var pixelScale = func() (t [256]float32) {
	for i := range t {
		t[i] = float32(i) / float32(255)
	}
	return t
}()

// PixelValue returns the float32 value Fill writes for pixel v: v/255.
func PixelValue(v uint8) float32 { return pixelScale[v] }

// Fill writes images idx[0], idx[1], … into dst as float32 pixels scaled to
// [0, 1] (pixel/255), row-major, one image of Rows*Cols values after the
// other. dst must hold at least len(idx)*Rows*Cols values; the rest of dst is
// left untouched. Fill allocates nothing. It panics if dst is too short or an
// index is out of range, like an out-of-range slice access would.
func (im *Images) Fill(dst []float32, idx []int) {
	sz := im.Rows * im.Cols
	if len(dst) < len(idx)*sz {
		panic(fmt.Sprintf("mnist: Fill: dst holds %d values, want %d for %d images of %d pixels", len(dst), len(idx)*sz, len(idx), sz))
	}
	for k, i := range idx {
		if i < 0 || i >= im.N {
			panic(fmt.Sprintf("mnist: Fill: image index %d out of range [0,%d)", i, im.N))
		}
		scale(dst[k*sz:(k+1)*sz], im.Pixels[i*sz:(i+1)*sz])
	}
}

// FillRange writes the count images start, start+1, …, start+count-1 into
// dst like [Images.Fill]. It allocates nothing and panics if the range is
// out of bounds or dst is too short.
func (im *Images) FillRange(dst []float32, start, count int) {
	sz := im.Rows * im.Cols
	if start < 0 || count < 0 || start > im.N-count {
		panic(fmt.Sprintf("mnist: FillRange: images [%d,%d) out of range [0,%d)", start, start+count, im.N))
	}
	if len(dst) < count*sz {
		panic(fmt.Sprintf("mnist: FillRange: dst holds %d values, want %d for %d images of %d pixels", len(dst), count*sz, count, sz))
	}
	scale(dst[:count*sz], im.Pixels[start*sz:(start+count)*sz])
}

// scale converts len(src) pixels; dst must be at least as long as src.
func scale(dst []float32, src []uint8) {
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] = pixelScale[v]
	}
}
