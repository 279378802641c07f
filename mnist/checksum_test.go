package mnist

import (
	"path/filepath"
	"testing"
)

func TestOfficialMD5(t *testing.T) {
	for _, base := range []string{TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile} {
		sum, ok := OfficialMD5(base + ".gz")
		if !ok || len(sum) != 32 {
			t.Errorf("%s: %q, %v", base, sum, ok)
		}
		if _, ok := OfficialMD5(base); ok {
			t.Errorf("%s (plain) has an official sum", base)
		}
	}
	if sum, _ := OfficialMD5("t10k-labels-idx1-ubyte.gz"); sum != "ec29112dd5afa0611ce80d1b7f02629c" {
		t.Errorf("t10k labels sum %s", sum)
	}
}

func TestFileMD5(t *testing.T) {
	dir := t.TempDir()
	got, err := FileMD5(writeFile(t, dir, "hello", []byte("hello")))
	if err != nil || got != "5d41402abc4b2a76b9719d911017c592" {
		t.Fatalf("got %q, %v", got, err)
	}
	_, err = FileMD5(filepath.Join(dir, "none"))
	checkOneLine(t, err, q(filepath.Join(dir, "none")))
}

func TestRealFilesMatchOfficialMD5(t *testing.T) {
	dir := realDataDir(t)
	for name, want := range officialMD5 {
		got, err := FileMD5(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: got %s, want %s", name, got, want)
		}
	}
}
