package app

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// vaetop watch takes metrics files, or directories (one or more); a mix,
// a path given twice and no path at all are usage errors that name it.
func TestParseWatchFilesAndDirs(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "run.jsonl")
	fifo, ckpt := filepath.Join(dir, "ff"), filepath.Join(dir, "run.ckpt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ckpt, []byte("VAETOP\x00\x01binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := parseWatch([]string{file, "--ascii", filepath.Join(dir, "later.jsonl")})
	if err != nil || len(w.files) != 2 || len(w.dirs) != 0 {
		t.Errorf("two files: %+v, %v", w, err)
	}
	w, err = parseWatch([]string{a, b, "--format", "csv"})
	if err != nil || len(w.dirs) != 2 || len(w.files) != 0 {
		t.Errorf("two dirs: %+v, %v", w, err)
	}
	// A file tab-completed with a slash is still the file.
	if err := os.WriteFile(file, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err = parseWatch([]string{file + "/"})
	if err != nil || len(w.files) != 1 || w.files[0] != file || len(w.dirs) != 0 {
		t.Errorf("a file with a slash: %+v, %v", w, err)
	}
	os.Remove(file)
	// A path not there yet is a directory unless it is named like a
	// metrics file: a sweep's directory is often made after the watch.
	w, err = parseWatch([]string{a, filepath.Join(dir, "later"), filepath.Join(dir, "also") + "/"})
	if err != nil || len(w.dirs) != 3 || len(w.files) != 0 {
		t.Errorf("dirs not there yet: %+v, %v", w, err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{a, file}, "give directories, or metrics files"},
		{[]string{file, a}, `"` + file + `" (no such file yet): give directories, or metrics files`},
		{[]string{a, ""}, "an empty path was given"},
		{[]string{a, a + "/"}, "given twice"},
		{[]string{fifo}, "is a named pipe (FIFO), not a metrics file"},
		{[]string{ckpt}, "is binary, not a metrics file (JSON Lines or CSV) (a checkpoint opens with vaetop explore)"},
		{nil, "which metrics file?"},
	} {
		if _, err := parseWatch(c.args); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.args, err, c.want)
		}
	}
}
