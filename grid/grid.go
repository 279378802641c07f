// Package grid lays images out in a grid, like torchvision's save_image, and
// writes the result as a grayscale PNG.
package grid

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"

	"github.com/vaetop/vaetop/atomicfile"
)

// Image returns n w×h images (values in [0,1], row-major, one after another
// in pixels) as a grid of cols columns with pad black pixels around and
// between them, as save_image(nrow=cols, padding=pad) draws it.
func Image(pixels []float32, n, w, h, cols, pad int) *image.Gray {
	if cols < 1 {
		cols = 1
	}
	rows := (n + cols - 1) / cols
	img := image.NewGray(image.Rect(0, 0, cols*(w+pad)+pad, rows*(h+pad)+pad))
	for i := 0; i < n; i++ {
		ox, oy := pad+(i%cols)*(w+pad), pad+(i/cols)*(h+pad)
		src := pixels[i*w*h : (i+1)*w*h]
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				img.SetGray(ox+x, oy+y, color.Gray{Y: toByte(src[y*w+x])})
			}
		}
	}
	return img
}

// toByte maps [0,1] to 0..255 the way save_image does (x·255 + 0.5, clamped).
func toByte(v float32) uint8 {
	f := v*255 + 0.5
	switch {
	case !(f >= 0): // also NaN
		return 0
	case f >= 255:
		return 255
	}
	return uint8(f)
}

// WritePNG writes the grid to path atomically: a temporary file in the same
// directory is renamed over path only once fully written.
func WritePNG(path string, pixels []float32, n, w, h, cols int) error {
	if len(pixels) < n*w*h {
		return fmt.Errorf("%s: %d pixels for %d images of %dx%d", path, len(pixels), n, w, h)
	}
	img := Image(pixels, n, w, h, cols, 2)
	return atomicfile.Write(path, func(f io.Writer) error { return png.Encode(f, img) })
}
