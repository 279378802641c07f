package app

// vaetop watch's command line: its flags and what each path is taken for.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vaetop/vaetop/regularfile"
	"github.com/vaetop/vaetop/watch"
	"github.com/vaetop/vaetop/watch/format"
)

// parseWatch reads the flags, which may come before or after the files.
func parseWatch(args []string) (watchSpec, error) {
	fs := flag.NewFlagSet("vaetop watch", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	kind := fs.String("format", "auto", "the files' format")
	var w watchSpec
	fs.BoolVar(&w.ascii, "ascii", false, "no colour")
	w.serve.addFlags(fs)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return w, err
			}
			return w, errors.New(oneLine(err))
		}
		if fs.NArg() == 0 {
			break
		}
		w.files = append(w.files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if err := checkEmptyPaths(fs); err != nil {
		return w, err
	}
	k, err := format.ParseKind(*kind)
	if err != nil {
		return w, fmt.Errorf("--format: %v", err)
	}
	w.kind = k
	if len(w.files) == 0 {
		return w, errors.New("which metrics file?")
	}
	seen := map[string]bool{}
	for i, f := range w.files {
		if f == "" {
			return w, errors.New(`an empty path was given (an unset variable?)`)
		}
		if t := strings.TrimRight(f, "/"); t != f && t != "" { // a file, tab-completed with a slash
			if st, err := os.Stat(t); err == nil && st.Mode().IsRegular() {
				w.files[i], f = t, t
			}
		}
		if abs, err := filepath.Abs(f); err == nil && seen[abs] {
			return w, fmt.Errorf("%q is given twice", f)
		} else if err == nil {
			seen[abs] = true
		}
		if isDirArg(f) {
			w.dirs = append(w.dirs, f)
		}
	}
	if len(w.dirs) > 0 && len(w.dirs) < len(w.files) {
		return w, fmt.Errorf("%s and %s: give directories, or metrics files", describeArg(w.dirs[0]), describeArg(firstFile(w.files, w.dirs)))
	}
	if len(w.dirs) > 0 {
		w.files = nil
	}
	for _, f := range w.files {
		if err := checkMetricsFile(f); err != nil {
			return w, err
		}
	}
	return w, w.serve.check()
}

// firstFile is the first of files that is not among dirs.
func firstFile(files, dirs []string) string {
	for _, f := range files {
		if !slices.Contains(dirs, f) {
			return f
		}
	}
	return ""
}

// checkMetricsFile refuses a path that exists and cannot be a metrics
// file: not a regular file (a FIFO, a device), or binary (a NUL in its
// first 4 KiB: a checkpoint, an image). A missing file is waited for.
func checkMetricsFile(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return nil // missing (waited for) or unreadable: the screen says which
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%q is %s, not a metrics file", path, regularfile.Kind(st.Mode()))
	}
	if watch.BinaryFile(path) {
		hint := ""
		if strings.HasSuffix(path, ".ckpt") {
			hint = " (a checkpoint opens with vaetop explore)"
		}
		return fmt.Errorf("%q is binary, not a metrics file (JSON Lines or CSV)%s", path, hint)
	}
	return nil
}

// isDirArg tells a directory to watch from a metrics file: one that
// exists as a directory, or one not there yet whose name is no metrics
// file's (a sweep's directory, made once its scheduler starts a run),
// or that ends in a slash.
func isDirArg(path string) bool {
	if st, err := os.Stat(path); err == nil {
		return st.IsDir()
	}
	return strings.HasSuffix(path, "/") || !watch.MetricsName(filepath.Base(path))
}

// describeArg says what a watch argument was taken for.
func describeArg(path string) string {
	_, err := os.Stat(path)
	switch {
	case err != nil && isDirArg(path):
		return fmt.Sprintf("%q (no such directory yet)", path)
	case err != nil:
		return fmt.Sprintf("%q (no such file yet)", path)
	case isDirArg(path):
		return fmt.Sprintf("%q is a directory", path)
	}
	return fmt.Sprintf("%q is a file", path)
}
