package mnist

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"testing"
)

// allocated returns the bytes allocated on the heap while f runs.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// bombSize is how many bytes of zeros the gzip bombs below inflate to.
const bombSize = 256 << 20

// gzipBomb returns a small gzip images file: a header announcing n images
// of 28×28, then bombSize zeros.
func gzipBomb(t *testing.T, n uint32) []byte {
	return repeatedGz(t, header(imagesMagic, n, 28, 28), make([]byte, 1<<20), bombSize>>20)
}

// A gzip file of about a megabyte whose header claims far more than it holds
// must fail with one clear line and without allocating anything like what
// it claims or what it inflates to.
func TestGzipBombBoundedMemory(t *testing.T) {
	const limit = 100 << 20
	tenMillion := gzipBomb(t, 10_000_000) // 7.84 GB: beyond MaxPayload
	underCap := gzipBomb(t, 2_500_000)    // 1.96 GB: allowed, but not there
	t.Logf("bomb files: %d and %d bytes", len(tenMillion), len(underCap))
	dir := t.TempDir()
	tenPath := writeFile(t, dir, "ten-million.gz", tenMillion)
	underPath := writeFile(t, dir, "under-cap.gz", underCap)
	set := t.TempDir()
	fs := newFakeSet()
	delete(fs, TrainImagesFile)
	fs.writePlain(t, set)
	setPath := writeFile(t, set, TrainImagesFile+".gz", underCap)
	matchingLabels(t, set, 2_500_000) // so that the images themselves are read

	const beyond = "bad header: 7840000000 pixel bytes announced, want at most 2147483648"
	const short = "truncated: want 1960000000 pixel bytes, got 268435456"
	cases := []struct {
		name string
		load func() error
		want string
	}{
		{"ReadImages beyond MaxPayload", func() error { _, err := ReadImages(tenPath); return err }, q(tenPath) + ": " + beyond},
		{"ReadImages", func() error { _, err := ReadImages(underPath); return err }, q(underPath) + ": " + short},
		{"ReadImagesFrom seekable", func() error { _, err := ReadImagesFrom(bytes.NewReader(underCap), "bomb"); return err }, `"bomb": ` + short},
		{"LoadDir with MD5", func() error { _, err := LoadDir(set); return err }, q(setPath) + ": " + short},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var err error
			n := allocated(func() { err = within(t, 4*hangLimit, c.load) })
			checkOneLine(t, err, c.want)
			t.Logf("allocated %d KB", n>>10)
			if n > limit {
				t.Errorf("allocated %d MB, want under %d MB", n>>20, limit>>20)
			}
		})
	}
}

// A valid file above maxUpFront is checked in a first pass and read in a
// second into one exact allocation; with an expected MD5, the sum is of
// the file's bytes once, not twice.
func TestLargeFileReadTwiceIntoOneAllocation(t *testing.T) {
	const perBlock, reps = 1337, 90 // 94 MB of pixels
	block := make([]byte, perBlock*784)
	for i := range block {
		block[i] = byte(i*7 + i/5000)
	}
	want := int64(len(block) * reps)
	if want <= maxUpFront {
		t.Fatalf("%d bytes do not exceed maxUpFront", want)
	}
	dir := t.TempDir()
	fs := newFakeSet()
	delete(fs, TrainImagesFile)
	fs[TrainLabelsFile] = labelsIDX(make([]uint8, perBlock*reps)...)
	fs[TestImagesFile] = imagesIDX(3, 28, 28, 0)
	files := fs.gz(t)
	files[TrainImagesFile+".gz"] = repeatedGz(t, header(imagesMagic, perBlock*reps, 28, 28), block, reps)
	for name, data := range files {
		writeFile(t, dir, name, data)
	}
	var s *Set
	var err error
	n := allocated(func() { s, err = loadDir(t.Context(), dir, checkStrict, sums(files)) })
	if err != nil {
		t.Fatal(err)
	}
	pix := s.Train.Images.Pixels
	if int64(len(pix)) != want || int64(cap(pix)) != want {
		t.Fatalf("len %d cap %d, want %d", len(pix), cap(pix), want)
	}
	for i := 0; i < reps; i++ {
		if !bytes.Equal(pix[i*len(block):(i+1)*len(block)], block) {
			t.Fatalf("block %d differs", i)
		}
	}
	if slack := int64(n) - want; slack > 16<<20 {
		t.Errorf("allocated %d MB for %d MB of pixels", n>>20, want>>20)
	}
}

// readAllWays reads data as an images file through every payload strategy:
// a file (exact), a seekable stream with a tiny up-front limit (two passes),
// and a plain stream with a tiny limit (growing chunks). The verdicts, and
// any error texts, must agree.
func readAllWays(t *testing.T, data []byte) (*Images, error) {
	t.Helper()
	path := writeFile(t, t.TempDir(), "f", data)
	f, size, err := openRegular(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fileSrc := fileSource(f, "name", size)
	seekable := streamSource(bytes.NewReader(data), "name")
	seekable.upFront = 8
	plain := streamSource(struct{ io.Reader }{bytes.NewReader(data)}, "name")
	plain.upFront = 8
	ref, refErr := readImages(fileSrc)
	for _, src := range []source{seekable, plain} {
		im, err := readImages(src)
		switch {
		case (err == nil) != (refErr == nil):
			t.Fatalf("error %v, but %v from the file", err, refErr)
		case err != nil && err.Error() != refErr.Error():
			// A file of known size is told truncated before reading; a
			// stream only after. Both say so.
			if !strings.Contains(err.Error(), "truncated") || !strings.Contains(refErr.Error(), "truncated") {
				t.Fatalf("error %q, but %q from the file", err, refErr)
			}
		case err == nil && (im.N != ref.N || im.Rows != ref.Rows || !bytes.Equal(im.Pixels, ref.Pixels)):
			t.Fatalf("images differ from the file's")
		}
	}
	return ref, refErr
}

func TestPayloadStrategiesAgree(t *testing.T) {
	good := imagesIDX(40, 5, 5, 3)
	goodGz := gzipped(t, good)
	for name, data := range map[string][]byte{
		"plain":          good,
		"gzip":           goodGz,
		"truncated":      good[:len(good)-10],
		"trailing":       append(bytes.Clone(good), 1),
		"gz truncated":   goodGz[:len(goodGz)-20],
		"gz trailer cut": goodGz[:len(goodGz)-3],
		"gz trailing":    append(bytes.Clone(goodGz), 0x1f),
	} {
		t.Run(name, func(t *testing.T) {
			im, err := readAllWays(t, data)
			if (err == nil) != (name == "plain" || name == "gzip") {
				t.Fatalf("got %v", err)
			}
			if err == nil && !bytes.Equal(im.Pixels, good[16:]) {
				t.Fatal("pixels differ")
			}
		})
	}
}

// matchingLabels writes dir's training labels file with n labels, to go
// with a large images file that a test writes.
func matchingLabels(t *testing.T, dir string, n int) {
	t.Helper()
	hdr := header(labelsMagic, uint32(n), 0, 0)[:8] // an IDX1 header: magic and count
	writeFile(t, dir, TrainLabelsFile, append(hdr, make([]byte, n)...))
}

// Images and labels that disagree on their count fail on the headers,
// before the images are read.
func TestCountsAreComparedBeforeTheImagesAreRead(t *testing.T) {
	set := t.TempDir()
	fs := newFakeSet()
	delete(fs, TrainImagesFile)
	fs.writePlain(t, set)
	images := writeFile(t, set, TrainImagesFile+".gz", gzipBomb(t, 2_700_000))
	var err error
	n := allocated(func() { err = within(t, 4*hangLimit, func() error { _, err := LoadDir(set); return err }) })
	checkOneLine(t, err, q(images)+" holds 2700000 images but", "holds 6 labels")
	if n > 16<<20 {
		t.Errorf("allocated %d MB before refusing", n>>20)
	}
}
