package grid

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestImageLayout(t *testing.T) {
	// Three 2x2 images, 2 columns, padding 1: 2·3+1 = 7 wide, 2·3+1 = 7 high.
	px := []float32{1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0, 0, 0, 1}
	img := Image(px, 3, 2, 2, 2, 1)
	if b := img.Bounds(); b.Dx() != 7 || b.Dy() != 7 {
		t.Fatalf("grid is %v, want 7x7", b)
	}
	checks := []struct{ x, y, want int }{{0, 0, 0}, {1, 1, 255}, {2, 2, 255}, {4, 1, 128}, {5, 2, 128}, {2, 5, 255}, {1, 4, 0}, {6, 6, 0}}
	for _, c := range checks {
		if got := int(img.GrayAt(c.x, c.y).Y); got != c.want {
			t.Errorf("pixel (%d,%d) = %d, want %d", c.x, c.y, got, c.want)
		}
	}
}

func TestWritePNG(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.png")
	px := make([]float32, 64*28*28)
	if err := WritePNG(path, px, 64, 28, 28, 8); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 242 || b.Dy() != 242 {
		t.Errorf("8x8 grid of 28px with padding 2 is %v, want 242x242 (as save_image)", b)
	}
	if err := WritePNG(filepath.Join(t.TempDir(), "no", "such", "dir.png"), px, 64, 28, 28, 8); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

func TestToByteClamps(t *testing.T) {
	for v, want := range map[float32]uint8{-1: 0, 0: 0, 0.5: 128, 1: 255, 2: 255} {
		if got := toByte(v); got != want {
			t.Errorf("toByte(%g) = %d, want %d", v, got, want)
		}
	}
}
