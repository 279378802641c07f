//go:build unix

package mnist

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlink: %v", err)
	}
}

// Each of the four data files, under its plain or .gz name, replaced by
// something that is not a regular file: loading the directory must fail at
// once with one line naming that file, never block.
func TestLoadDirRefusesSpecialFiles(t *testing.T) {
	specials := []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"fifo", mkfifo, "not a regular file but a named pipe (FIFO)"},
		{"directory", func(t *testing.T, p string) {
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "not a regular file but a directory"},
		{"symlink to fifo", func(t *testing.T, p string) {
			fifo := filepath.Join(t.TempDir(), "fifo")
			mkfifo(t, fifo)
			symlink(t, fifo, p)
		}, "not a regular file but a named pipe (FIFO)"},
		{"symlink to " + os.DevNull, func(t *testing.T, p string) { symlink(t, os.DevNull, p) },
			"not a regular file but a character device"},
	}
	for _, sp := range specials {
		for _, base := range []string{TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile} {
			for _, ext := range []string{"", ".gz"} {
				t.Run(sp.name+"/"+base+ext, func(t *testing.T) {
					dir := t.TempDir()
					fs := newFakeSet()
					delete(fs, base)
					fs.writePlain(t, dir)
					path := filepath.Join(dir, base+ext)
					sp.make(t, path)
					err := within(t, hangLimit, func() error {
						_, err := OpenContext(context.Background(), Options{Dir: dir})
						return err
					})
					checkOneLine(t, err, "mnist: "+q(path)+": "+sp.want, "(from --data)")
				})
			}
		}
	}
}

// The single-file entry points refuse a named pipe as well.
func TestReadFunctionsRefuseFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	mkfifo(t, fifo)
	calls := map[string]func() error{
		"ReadImages":  func() error { _, err := ReadImages(fifo); return err },
		"ReadLabels":  func() error { _, err := ReadLabels(fifo); return err },
		"FileMD5":     func() error { _, err := FileMD5(fifo); return err },
		"LoadDataset": func() error { _, err := LoadDataset(fifo, fifo); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			checkOneLine(t, within(t, hangLimit, call), q(fifo)+": not a regular file but a named pipe (FIFO)")
		})
	}
}

// A symbolic link to a regular file is followed and read normally.
func TestLoadDirFollowsSymlinks(t *testing.T) {
	real := t.TempDir()
	fs := newFakeSet()
	fs.writePlain(t, real)
	dir := t.TempDir()
	for base := range fs {
		symlink(t, filepath.Join(real, base), filepath.Join(dir, base))
	}
	s := within(t, hangLimit, func() *Set {
		s, err := LoadDir(dir)
		if err != nil {
			t.Error(err)
		}
		return s
	})
	if s != nil && (s.Train.Len() != 6 || s.Test.Len() != 3) {
		t.Fatalf("got %d/%d images", s.Train.Len(), s.Test.Len())
	}
}

// A named pipe as the go env file is skipped, not waited on.
func TestModuleCacheDirIgnoresFIFOEnvFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "env")
	mkfifo(t, fifo)
	got := within(t, hangLimit, func() string {
		mc, _ := ModuleCacheDir(mapEnv(map[string]string{"GOENV": fifo, "HOME": "/h"}))
		return mc
	})
	if want := filepath.FromSlash("/h/go/pkg/mod"); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
