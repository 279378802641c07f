package mnist

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadDirPlainAndGzip(t *testing.T) {
	fs := newFakeSet()
	for _, gz := range []bool{false, true} {
		dir := t.TempDir()
		if gz {
			fs.writeGz(t, dir)
		} else {
			fs.writePlain(t, dir)
		}
		s, err := LoadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if s.Dir != dir || s.Source != dir {
			t.Errorf("Dir %q Source %q, want %q", s.Dir, s.Source, dir)
		}
		if s.Train.Len() != 6 || s.Test.Len() != 3 || s.Train.Images.Rows != 4 || s.Train.Images.Cols != 3 {
			t.Fatalf("got %d/%d images of %dx%d", s.Train.Len(), s.Test.Len(), s.Train.Images.Rows, s.Train.Images.Cols)
		}
		if !bytes.Equal(s.Test.Labels, []uint8{7, 2, 1}) || !bytes.Equal(s.Test.Images.Pixels, fs[TestImagesFile][16:]) {
			t.Fatal("test data differs")
		}
		// Fake .gz files are not the official ones: warned about, still used.
		if n := len(s.Warnings); gz && n != 4 || !gz && n != 0 {
			t.Fatalf("gz=%v: %d warnings: %q", gz, n, s.Warnings)
		}
		for _, w := range s.Warnings {
			if !strings.Contains(w, "MD5") || !strings.Contains(w, qIn(dir)) || strings.Contains(w, "\n") {
				t.Errorf("bad warning %q", w)
			}
		}
	}
}

func TestLoadDirPrefersPlain(t *testing.T) {
	dir := t.TempDir()
	newFakeSet().writeGz(t, dir)
	writeFile(t, dir, TestLabelsFile, labelsIDX(3, 3, 3))
	s, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.Test.Labels, []uint8{3, 3, 3}) {
		t.Fatalf("got labels %v from the .gz file, want the plain file's", s.Test.Labels)
	}
}

func TestLoadDirErrors(t *testing.T) {
	base := t.TempDir()
	missing := filepath.Join(base, "missing")
	_, err := LoadDir(missing)
	checkOneLine(t, err, "data directory "+q(missing)+" does not exist")

	file := writeFile(t, base, "file", []byte("x"))
	_, err = LoadDir(file)
	checkOneLine(t, err, q(file)+" is not a directory")

	dir := t.TempDir()
	fs := newFakeSet()
	delete(fs, TestLabelsFile)
	fs.writePlain(t, dir)
	_, err = LoadDir(dir)
	checkOneLine(t, err, "no "+TestLabelsFile+" or "+TestLabelsFile+".gz in "+q(dir))
}

func TestLoadDirBadContent(t *testing.T) {
	cases := []struct {
		name   string
		change func(fakeSet)
		want   []string
	}{
		{"count mismatch", func(s fakeSet) { s[TrainLabelsFile] = labelsIDX(1, 2, 3) },
			[]string{TrainImagesFile + `" holds 6 images but "`, TrainLabelsFile + `" holds 3 labels`}},
		{"bad label", func(s fakeSet) { s[TestLabelsFile] = labelsIDX(1, 10, 2) },
			[]string{TestLabelsFile + `": label 10 at index 1, want 0..9`}},
		{"size mismatch", func(s fakeSet) { s[TestImagesFile] = imagesIDX(3, 3, 4, 0) },
			[]string{TestImagesFile + `": test images are 3x4 but training images ("`, TrainImagesFile + `") are 4x3`}},
		{"no images", func(s fakeSet) { s[TrainImagesFile], s[TrainLabelsFile] = imagesIDX(0, 4, 3, 0), labelsIDX() },
			[]string{TrainImagesFile + `": holds no images`}},
		{"truncated", func(s fakeSet) { s[TrainImagesFile] = s[TrainImagesFile][:50] },
			[]string{TrainImagesFile + `": truncated: want 72 pixel bytes, got 34`}},
		{"swapped", func(s fakeSet) { s[TestImagesFile], s[TestLabelsFile] = s[TestLabelsFile], s[TestImagesFile] },
			[]string{TestImagesFile + `": bad magic 0x00000801`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			fs := newFakeSet()
			c.change(fs)
			fs.writePlain(t, dir)
			s, err := LoadDir(dir)
			if s != nil {
				t.Error("got a set with an error")
			}
			checkOneLine(t, err, c.want...)
		})
	}
}

// A path holding a newline must not split the error line.
func TestErrorsQuotePaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "two\nlines")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := LoadDir(filepath.Join(dir, "missing"))
	checkOneLine(t, err, `two\nlines`, "does not exist")

	fs := newFakeSet()
	fs[TrainImagesFile] = fs[TrainImagesFile][:20]
	fs.writePlain(t, dir)
	_, err = LoadDir(dir)
	checkOneLine(t, err, `two\nlines`, TrainImagesFile+`": truncated`)
}

func TestLoadDirStrict(t *testing.T) {
	dir := t.TempDir()
	fs := newFakeSet()
	table := fs.writeGz(t, dir)
	s, err := loadDir(context.Background(), dir, checkStrict, table)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 0 {
		t.Fatalf("warnings %q", s.Warnings)
	}

	// Strict mode reads only the .gz files, so a plain file cannot stand in.
	plain := t.TempDir()
	fs.writePlain(t, plain)
	_, err = loadDir(context.Background(), plain, checkStrict, table)
	checkOneLine(t, err, "no "+TrainImagesFile+".gz in "+q(plain))

	// A mismatch is an error naming the file, got and want.
	bad := sumTable{}
	for k, v := range table {
		bad[k] = v
	}
	bad[TestLabelsFile+".gz"] = "00000000000000000000000000000000"
	_, err = loadDir(context.Background(), dir, checkStrict, bad)
	checkOneLine(t, err, q(filepath.Join(dir, TestLabelsFile+".gz"))+": MD5 mismatch: got "+table[TestLabelsFile+".gz"]+", want 00000000000000000000000000000000")
}

func TestNewDataset(t *testing.T) {
	im := &Images{N: 2, Rows: 1, Cols: 1, Pixels: []uint8{0, 255}}
	d, err := NewDataset(im, []uint8{9, 0}, "i", "l")
	if err != nil || d.Len() != 2 {
		t.Fatalf("got %v, %v", d, err)
	}
	_, err = NewDataset(im, []uint8{1}, "imgs", "lbls")
	checkOneLine(t, err, `"imgs" holds 2 images but "lbls" holds 1 labels`)
}

func TestLoadDataset(t *testing.T) {
	dir := t.TempDir()
	ip := writeFile(t, dir, "i", imagesIDX(2, 2, 2, 0))
	lp := writeFile(t, dir, "l", labelsIDX(1, 2))
	if _, err := LoadDataset(ip, lp); err != nil {
		t.Fatal(err)
	}
	_, err := LoadDataset(ip, filepath.Join(dir, "x"))
	checkOneLine(t, err, q(filepath.Join(dir, "x")))
	if err := os.WriteFile(lp, labelsIDX(1), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadDataset(ip, lp)
	checkOneLine(t, err, q(ip), q(lp), "2 images", "1 labels")
}

// checkReal checks the well-known shape and first labels of MNIST.
func checkReal(t *testing.T, s *Set) {
	t.Helper()
	tr, te := s.Train, s.Test
	if tr.Len() != 60000 || te.Len() != 10000 {
		t.Fatalf("got %d train, %d test images", tr.Len(), te.Len())
	}
	for _, im := range []*Images{tr.Images, te.Images} {
		if im.Rows != 28 || im.Cols != 28 || len(im.Pixels) != im.N*784 {
			t.Fatalf("images are %dx%d with %d pixels", im.Rows, im.Cols, len(im.Pixels))
		}
	}
	if !bytes.Equal(te.Labels[:8], []uint8{7, 2, 1, 0, 4, 1, 4, 9}) {
		t.Errorf("first test labels %v", te.Labels[:8])
	}
	if !bytes.Equal(tr.Labels[:5], []uint8{5, 0, 4, 1, 9}) {
		t.Errorf("first train labels %v", tr.Labels[:5])
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings: %q", s.Warnings)
	}
}

func BenchmarkLoadDirGoMNIST(b *testing.B) {
	dir := realDataDir(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadDir(context.Background(), dir, checkStrict, nil); err != nil {
			b.Fatal(err)
		}
	}
}
