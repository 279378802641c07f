package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Resolved is a path resolved once: what the user gave, the file at the end
// of its symlinks, and the descriptor it names instead, if it does. A run
// resolves each output once and checks, locks and cleans it through its
// Resolved, so that all those steps speak of the same file.
type Resolved struct {
	Path   string // as given
	Target string // the end of the symlink chain; "" when Desc is set
	Desc   string // the link in the chain that names a file descriptor (/dev/stdout), if any
}

// ResolvePath resolves path (see Resolve).
func ResolvePath(path string) (Resolved, error) {
	target, desc, err := Resolve(path)
	return Resolved{Path: path, Target: target, Desc: desc}, err
}

// Regular returns the target a rename may replace: it is an error when the
// path names a descriptor or the target exists but is not a regular file.
func (r Resolved) Regular() (string, error) {
	if r.Desc != "" {
		return "", descriptorError{r.Path, r.Desc}
	}
	fi, err := os.Stat(r.Target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return r.Target, nil
	case err != nil:
		return "", fmt.Errorf("%q: %w", r.Path, unwrapPath(err))
	case !fi.Mode().IsRegular():
		return "", notRegularError{r.Path, fi.Mode()}
	}
	return r.Target, nil
}

// CheckWritable is the package's CheckWritable for a resolved path.
func (r Resolved) CheckWritable() error {
	target, err := r.Regular()
	if err != nil {
		return err
	}
	dir := filepath.Dir(target)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("%q: directory %q does not exist", r.Path, dir)
	}
	f, err := createTemp(target)
	if err != nil {
		return fmt.Errorf("%q: cannot create files in %q: %w", r.Path, dir, unwrapPath(err))
	}
	f.Close()
	return os.Remove(f.Name())
}
