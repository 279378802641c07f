package mnist

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadImagesPlainAndGzip(t *testing.T) {
	dir := t.TempDir()
	data := imagesIDX(5, 4, 3, 9)
	for name, content := range map[string][]byte{
		"plain":          data,
		"zipped.gz":      gzipped(t, data),
		"zipped-no-ext":  gzipped(t, data), // detected by content
		"plain-named.gz": data,             // a .gz name does not force gunzip
	} {
		t.Run(name, func(t *testing.T) {
			im, err := ReadImages(writeFile(t, dir, name, content))
			if err != nil {
				t.Fatal(err)
			}
			if im.N != 5 || im.Rows != 4 || im.Cols != 3 || im.Size() != 12 {
				t.Fatalf("got N=%d %dx%d size %d, want 5 4x3 12", im.N, im.Rows, im.Cols, im.Size())
			}
			if !bytes.Equal(im.Pixels, data[16:]) {
				t.Fatalf("pixels differ")
			}
			if got := im.Image(2); !bytes.Equal(got, data[16+24:16+36]) || cap(got) != 12 {
				t.Fatalf("Image(2) = %v (cap %d)", got, cap(got))
			}
		})
	}
}

func TestReadImagesMultiMemberGzip(t *testing.T) {
	data := imagesIDX(3, 2, 2, 0)
	two := append(gzipped(t, data[:10]), gzipped(t, data[10:])...)
	im, err := ReadImagesFrom(bytes.NewReader(two), "two.gz")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(im.Pixels, data[16:]) {
		t.Fatal("pixels differ")
	}
}

func TestReadLabels(t *testing.T) {
	dir := t.TempDir()
	want := []uint8{7, 2, 1, 0, 4}
	for _, content := range [][]byte{labelsIDX(want...), gzipped(t, labelsIDX(want...))} {
		got, err := ReadLabels(writeFile(t, dir, "l", content))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	got, err := ReadLabelsFrom(bytes.NewReader(labelsIDX()), "none")
	if err != nil || len(got) != 0 {
		t.Fatalf("zero labels: got %v, %v", got, err)
	}
}

// header returns an IDX3 header with the given fields.
func header(magic, n, rows, cols uint32) []byte {
	b := make([]byte, 16)
	binary.BigEndian.PutUint32(b[0:], magic)
	binary.BigEndian.PutUint32(b[4:], n)
	binary.BigEndian.PutUint32(b[8:], rows)
	binary.BigEndian.PutUint32(b[12:], cols)
	return b
}

func TestReadImagesErrors(t *testing.T) {
	good := imagesIDX(4, 5, 5, 3)
	goodGz := gzipped(t, good)
	corruptGz := bytes.Clone(goodGz)
	corruptGz[len(corruptGz)-6] ^= 0xff // inside the CRC-32 / length trailer
	cases := []struct {
		name    string
		content []byte
		want    []string
	}{
		{"empty", nil, []string{"empty file"}},
		{"short header", good[:7], []string{"truncated header: want 16 bytes, got 7"}},
		{"labels file", labelsIDX(1, 2, 3), []string{"bad magic 0x00000801, want 0x00000803 (images)", "labels file"}},
		{"wrong magic", append(header(0x0d0a0d0a, 1, 1, 1), 0), []string{"bad magic 0x0d0a0d0a, want 0x00000803"}},
		{"html", []byte("<!DOCTYPE html><html>404</html>"), []string{"bad magic 0x3c21444f", `starts with text "<!DO"`}},
		{"zero rows", header(imagesMagic, 1, 0, 28), []string{"image size 0x28"}},
		{"huge cols", header(imagesMagic, 1, 28, 2000), []string{"image size 28x2000", "1..1024"}},
		{"too many", header(imagesMagic, 10_000_001, 28, 28), []string{"10000001 images, want at most 10000000"}},
		{"truncated", good[:len(good)-10], []string{"truncated: want 100 pixel bytes, got 90"}},
		{"header only", header(imagesMagic, 60000, 28, 28), []string{"truncated: want 47040000 pixel bytes, got 0"}},
		{"trailing", append(bytes.Clone(good), 1, 2, 3), []string{"trailing garbage: 3 extra bytes after 100 pixel bytes"}},
		{"gz truncated", goodGz[:len(goodGz)/2], []string{"truncated gzip stream"}},
		{"gz trailer cut", goodGz[:len(goodGz)-3], []string{"truncated gzip stream", "trailer"}},
		{"gz header cut", goodGz[:5], []string{"truncated gzip stream"}},
		{"gz bad trailer", corruptGz, []string{"corrupt gzip data", "checksum"}},
		{"gz trailing garbage", append(bytes.Clone(goodGz), "junk"...), []string{"trailing garbage: 4 bytes after the gzip stream"}},
		{"gz trailing payload", gzipped(t, append(bytes.Clone(good), 9)), []string{"trailing garbage: 1 extra bytes"}},
		{"gz empty", gzipped(t, nil), []string{"empty after decompression"}},
		{"gz truncated payload", gzipped(t, good[:50]), []string{"truncated: want 100 pixel bytes, got 34"}},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, dir, strings.ReplaceAll(c.name, " ", "_"), c.content)
			im, err := ReadImages(path)
			if im != nil {
				t.Errorf("got images with an error")
			}
			checkOneLine(t, err, append([]string{"mnist: " + q(path) + ": "}, c.want...)...)
			// The stream reader (unknown size) must agree on the verdict.
			_, err = ReadImagesFrom(bytes.NewReader(c.content), "stream")
			checkOneLine(t, err, `mnist: "stream": `)
		})
	}
}

func TestReadLabelsErrors(t *testing.T) {
	cases := []struct {
		name    string
		content []byte
		want    string
	}{
		{"empty", nil, "empty file"},
		{"images file", imagesIDX(1, 1, 1, 0), "bad magic 0x00000803, want 0x00000801 (labels) (this is an images file)"},
		{"truncated", labelsIDX(1, 2, 3)[:10], "truncated: want 3 label bytes, got 2"},
		{"trailing", append(labelsIDX(1, 2, 3), 4), "trailing garbage: 1 extra bytes after 3 label bytes"},
		{"too many", header(labelsMagic, 20_000_000, 0, 0)[:8], "20000000 labels, want at most 10000000"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		path := writeFile(t, dir, strings.ReplaceAll(c.name, " ", "_"), c.content)
		_, err := ReadLabels(path)
		checkOneLine(t, err, q(path), c.want)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope")
	_, err := ReadImages(missing)
	checkOneLine(t, err, "mnist: "+q(missing)+": ", "no such file")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = false", err)
	}
	_, err = ReadLabels(dir)
	checkOneLine(t, err, q(dir), "not a regular file")
}

// A header announcing far more data than the stream holds must fail without
// allocating anything like the announced size, whether or not the stream
// can be read twice.
func TestReadImagesHugeHeaderSmallStream(t *testing.T) {
	beyond := append(header(imagesMagic, MaxCount, MaxDim, MaxDim), 1, 2, 3)
	within := append(header(imagesMagic, 1000, MaxDim, MaxDim), 1, 2, 3)
	cases := []struct {
		name string
		r    func() io.Reader
		want string
	}{
		{"beyond MaxPayload", func() io.Reader { return bytes.NewReader(beyond) }, "bad header: 10485760000000 pixel bytes announced, want at most 2147483648"},
		{"seekable", func() io.Reader { return bytes.NewReader(within) }, "truncated: want 1048576000 pixel bytes, got 3"},
		{"not seekable", func() io.Reader { return struct{ io.Reader }{bytes.NewReader(within)} }, "truncated: want 1048576000 pixel bytes, got 3"},
	}
	for _, c := range cases {
		var err error
		allocs := testing.AllocsPerRun(1, func() {
			_, err = ReadImagesFrom(c.r(), "huge")
		})
		checkOneLine(t, err, c.want)
		if allocs > 50 {
			t.Errorf("%s: %v allocations", c.name, allocs)
		}
	}
}

func FuzzReadImages(f *testing.F) {
	good := imagesIDX(3, 4, 2, 0)
	f.Add(good)
	f.Add(gzipped(f, good))
	f.Add(good[:20])
	f.Add(append(bytes.Clone(good), 0))
	f.Add(labelsIDX(1, 2))
	f.Add([]byte{0x1f, 0x8b})
	f.Add(header(imagesMagic, MaxCount, MaxDim, MaxDim))
	f.Add(append(gzipped(f, good[:30]), gzipped(f, good[30:])...))
	f.Fuzz(func(t *testing.T, data []byte) {
		im, err := ReadImagesFrom(bytes.NewReader(data), "fuzz")
		checkStrategiesAgree(t, data, im, err)
		if err != nil {
			if im != nil {
				t.Fatal("images and error")
			}
			if msg := err.Error(); !strings.HasPrefix(msg, `mnist: "fuzz": `) || strings.ContainsAny(msg, "\r\n") {
				t.Fatalf("bad error text %q", msg)
			}
			return
		}
		if len(im.Pixels) != im.N*im.Rows*im.Cols || im.Rows < 1 || im.Cols < 1 || im.Rows > MaxDim || im.Cols > MaxDim {
			t.Fatalf("inconsistent result N=%d %dx%d len=%d", im.N, im.Rows, im.Cols, len(im.Pixels))
		}
	})
}

func FuzzReadLabels(f *testing.F) {
	f.Add(labelsIDX(1, 2, 3))
	f.Add(gzipped(f, labelsIDX(4, 5)))
	f.Add([]byte{0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ReadLabelsFrom(bytes.NewReader(data), "fuzz")
		if err == nil && len(l) != int(binary.BigEndian.Uint32(plainHeader(t, data)[4:])) {
			t.Fatalf("got %d labels, header says otherwise", len(l))
		}
	})
}

// checkStrategiesAgree reads data with a tiny up-front limit, once as a
// seekable stream (two passes) and once as a plain one (growing chunks), and
// fails unless both reach the verdict (and error text) of ReadImagesFrom,
// im and err.
func checkStrategiesAgree(t *testing.T, data []byte, im *Images, err error) {
	seekable := streamSource(bytes.NewReader(data), "fuzz")
	plain := streamSource(struct{ io.Reader }{bytes.NewReader(data)}, "fuzz")
	for _, src := range []source{seekable, plain} {
		src.upFront = 1
		im2, err2 := readImages(src)
		if (err == nil) != (err2 == nil) || err != nil && err.Error() != err2.Error() {
			t.Fatalf("got %v, want %v", err2, err)
		}
		if err == nil && (im2.N != im.N || im2.Rows != im.Rows || !bytes.Equal(im2.Pixels, im.Pixels)) {
			t.Fatal("images differ")
		}
	}
}

// plainHeader returns the first 8 decompressed bytes of data.
func plainHeader(t *testing.T, data []byte) []byte {
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var hdr [8]byte
		if _, err := zr.Read(hdr[:]); err != nil {
			t.Fatal(err)
		}
		return hdr[:]
	}
	return data[:8]
}

func BenchmarkReadTrainImages(b *testing.B) {
	path := filepath.Join(realDataDir(b), TrainImagesFile+".gz")
	b.ReportAllocs()
	for b.Loop() {
		im, err := ReadImages(path)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(im.Pixels)))
	}
}
