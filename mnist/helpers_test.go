package mnist

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Test fixtures: small synthetic IDX files.

// imagesIDX returns an IDX3 file of n rows×cols images whose pixel k is
// byte(seed + k*7).
func imagesIDX(n, rows, cols int, seed byte) []byte {
	b := make([]byte, 16, 16+n*rows*cols)
	binary.BigEndian.PutUint32(b[0:], imagesMagic)
	binary.BigEndian.PutUint32(b[4:], uint32(n))
	binary.BigEndian.PutUint32(b[8:], uint32(rows))
	binary.BigEndian.PutUint32(b[12:], uint32(cols))
	for k := 0; k < n*rows*cols; k++ {
		b = append(b, seed+byte(k*7))
	}
	return b
}

// labelsIDX returns an IDX1 file holding labels.
func labelsIDX(labels ...uint8) []byte {
	b := make([]byte, 8, 8+len(labels))
	binary.BigEndian.PutUint32(b[0:], labelsMagic)
	binary.BigEndian.PutUint32(b[4:], uint32(len(labels)))
	return append(b, labels...)
}

func gzipped(tb testing.TB, data []byte) []byte {
	tb.Helper()
	return gzippedLevel(tb, data, gzip.DefaultCompression)
}

func gzippedLevel(tb testing.TB, data []byte, level int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, level)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := zw.Write(data); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(tb testing.TB, dir, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func md5hex(data []byte) string {
	s := md5.Sum(data)
	return hex.EncodeToString(s[:])
}

// fakeSet is a small valid data set: 6 training and 3 test images of 4×3.
type fakeSet map[string][]byte // base name (no .gz) → plain IDX content

func newFakeSet() fakeSet {
	return fakeSet{
		TrainImagesFile: imagesIDX(6, 4, 3, 1),
		TrainLabelsFile: labelsIDX(5, 0, 4, 1, 9, 2),
		TestImagesFile:  imagesIDX(3, 4, 3, 100),
		TestLabelsFile:  labelsIDX(7, 2, 1),
	}
}

// gz returns the gzip files of the set, keyed by their .gz names.
func (s fakeSet) gz(tb testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for base, data := range s {
		out[base+".gz"] = gzipped(tb, data)
	}
	return out
}

// sums returns the MD5 table matching files.
func sums(files map[string][]byte) sumTable {
	t := sumTable{}
	for name, data := range files {
		t[name] = md5hex(data)
	}
	return t
}

// writePlain writes the set's plain files into dir.
func (s fakeSet) writePlain(tb testing.TB, dir string) {
	for base, data := range s {
		writeFile(tb, dir, base, data)
	}
}

// writeGz writes the set's .gz files into dir and returns their MD5 table.
func (s fakeSet) writeGz(tb testing.TB, dir string) sumTable {
	files := s.gz(tb)
	for name, data := range files {
		writeFile(tb, dir, name, data)
	}
	return sums(files)
}

// q quotes a path the way error messages print it.
func q(path string) string { return strconv.Quote(path) }

// qIn returns how the quoted form of any path under dir begins.
func qIn(dir string) string { return strings.TrimSuffix(q(dir), `"`) + string(filepath.Separator) }

// checkOneLine fails unless err is non-nil, one line, and contains every
// one of want.
func checkOneLine(tb testing.TB, err error, want ...string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("got no error, want one containing %q", want)
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\n\r") {
		tb.Errorf("error is not one line: %q", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			tb.Errorf("error %q does not contain %q", msg, w)
		}
	}
}

// realDataDir returns the GoMNIST data folder in the module cache, or skips
// the test when it is absent.
func realDataDir(tb testing.TB) string {
	tb.Helper()
	dir, err := GoMNISTDataDir(nil)
	if err != nil {
		tb.Skipf("no module cache: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, TrainImagesFile+".gz")); err != nil {
		tb.Skipf("GoMNIST data not in the module cache: %v", err)
	}
	return dir
}

// mapEnv returns an Env function reading from m (nothing else).
func mapEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// hangLimit is how long a call that should return at once may take before
// the test counts it as hung.
const hangLimit = 5 * time.Second

// within returns what f returns, failing the test if f has not returned
// after limit, so that a hang is a test failure rather than a stuck test.
// (A call that never returns is left behind in its goroutine.)
func within[T any](tb testing.TB, limit time.Duration, f func() T) T {
	tb.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(limit):
		tb.Fatalf("no return after %v", limit)
		panic("unreachable")
	}
}

// repeatedGz returns a multi-member gzip file whose content is head followed
// by reps copies of block. Each copy is a gzip member of its own, so a file
// that inflates to hundreds of MB costs one compression of block (at
// BestSpeed: the default level takes seconds on noisyBlock).
func repeatedGz(tb testing.TB, head, block []byte, reps int) []byte {
	tb.Helper()
	member := gzippedLevel(tb, block, gzip.BestSpeed)
	out := gzipped(tb, head)
	for range reps {
		out = append(out, member...)
	}
	return out
}

// noisyBlock returns n bytes of pseudo-random pixels from a small alphabet:
// they compress about 3:1 and inflate at about 100 MB/s, far slower than
// zeros.
func noisyBlock(n int) []byte {
	b := make([]byte, n)
	x := uint32(1)
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = byte(x>>30) * 85
	}
	return b
}
