// Package atomicfile writes files so that readers see either the old
// content or the complete new one, never a half-written file: the data go
// to a temporary file in the same directory, which is synced and renamed
// over the target only when everything was written.
//
// Only regular files are written. A symlink is followed to its target, so
// the link stays a link; a device, FIFO or directory is refused, since a
// rename would replace it (as root, --samples /dev/null would replace the
// system's /dev/null).
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vaetop/vaetop/regularfile"
)

// Write creates or replaces the regular file at path (or at the end of the
// symlinks path names) with what fill writes. On any error the temporary
// file is removed and the file is left as it was. An existing file keeps
// its permissions; a new one gets 0644.
func Write(path string, fill func(io.Writer) error) (err error) {
	target, err := Target(path)
	if err != nil {
		return err
	}
	mode := fs.FileMode(0o644)
	if fi, serr := os.Stat(target); serr == nil {
		mode = fi.Mode().Perm()
	}
	f, err := createTemp(target)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%q: directory %q does not exist", path, filepath.Dir(target))
	}
	if err != nil {
		return fmt.Errorf("%q: %w", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	// CreateTemp makes the file private (0600); give it the usual mode.
	if err = f.Chmod(mode); err != nil {
		return fmt.Errorf("%q: %w", path, unwrapPath(err))
	}
	if err = fill(f); err != nil {
		return fmt.Errorf("%q: %w", path, unwrapPath(err)) // the temporary name means nothing to the user
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("%q: %w", path, unwrapPath(err))
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("%q: %w", path, unwrapPath(err))
	}
	if err = os.Rename(f.Name(), target); err != nil {
		return fmt.Errorf("%q: %w", path, unwrapPath(err))
	}
	if d, derr := os.Open(filepath.Dir(target)); derr == nil { // make the rename itself durable
		d.Sync()
		d.Close()
	}
	return nil
}

// ErrNotRegular is wrapped by the errors of paths that exist but are not
// regular files (devices, FIFOs, sockets, directories).
var ErrNotRegular = errors.New("not a regular file")

// Target resolves the file that writing path would replace: path itself, or
// the end of the chain of symlinks it names, which may not exist yet (a
// link to a file still to be written is followed, and the file created).
// It is an error when that target exists but is not a regular file, when
// the links loop, or when the path names a file descriptor (/dev/stdout,
// /proc/self/fd/N): a rename would replace whatever the descriptor's file
// is, say the file the user redirected stdout into.
func Target(path string) (string, error) {
	r, err := ResolvePath(path)
	if err != nil {
		return "", err
	}
	return r.Regular()
}

// ErrDescriptor is wrapped by the errors of paths that name a file
// descriptor rather than a file.
var ErrDescriptor = errors.New("names a file descriptor")

type descriptorError struct{ path, desc string }

func (e descriptorError) Error() string {
	return fmt.Sprintf("%q: names a file descriptor (%s), not a file", e.path, e.desc)
}

func (e descriptorError) Is(target error) bool { return target == ErrDescriptor }

// maxLinks is how many symlinks a chain may have, as Linux allows.
const maxLinks = 40

// Resolve follows the symlinks at path one by one, so that a dangling link
// still yields the path it points to. desc is the first link of the chain
// that names a file descriptor (see DescriptorPath), if any; target is
// then empty.
func Resolve(path string) (target, desc string, err error) {
	p := path
	for range maxLinks {
		if DescriptorPath(p) {
			return "", p, nil
		}
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, "", nil
		}
		if err != nil {
			return "", "", fmt.Errorf("%q: %w", path, unwrapPath(err))
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return p, "", nil
		}
		next, err := os.Readlink(p)
		if err != nil {
			return "", "", fmt.Errorf("%q: %w", path, unwrapPath(err))
		}
		if !filepath.IsAbs(next) {
			next = filepath.Join(filepath.Dir(p), next)
		}
		p = next
	}
	return "", "", fmt.Errorf("%q: more than %d symlinks in a row (a loop?)", path, maxLinks)
}

// DescriptorPath reports whether path names one of the process's file
// descriptors: /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N or
// /proc/PID/fd/N.
func DescriptorPath(path string) bool {
	_, ok := DescriptorNumber(path)
	return ok
}

// DescriptorNumber is the descriptor a DescriptorPath names; it reports
// false for paths that name none, and for another process's descriptors.
func DescriptorNumber(path string) (int, bool) {
	p := filepath.Clean(path)
	switch p {
	case "/dev/stdin":
		return 0, true
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	dir, base := filepath.Split(p)
	n, err := strconv.Atoi(base)
	if err != nil || n < 0 {
		return 0, false
	}
	switch dir {
	case "/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", fmt.Sprintf("/proc/%d/fd/", os.Getpid()):
		return n, true
	}
	if strings.HasPrefix(dir, "/proc/") && strings.HasSuffix(dir, "/fd/") {
		return -1, true // another process's: no number of ours
	}
	return 0, false
}

type notRegularError struct {
	path string
	mode fs.FileMode
}

func (e notRegularError) Error() string {
	if e.mode.IsDir() {
		return fmt.Sprintf("%q: is a directory", e.path)
	}
	return fmt.Sprintf("%q: is %s, not a regular file", e.path, regularfile.Kind(e.mode))
}

func (e notRegularError) Is(target error) bool { return target == ErrNotRegular }

// CheckWritable reports whether Write could later create or replace path:
// it names a regular file or nothing, and its directory exists and takes a
// new file. It leaves nothing behind. A run checks its output paths this
// way before training, so that a typo costs seconds, not the run.
func CheckWritable(path string) error {
	r, err := ResolvePath(path)
	if err != nil {
		return err
	}
	return r.CheckWritable()
}

// unwrapPath drops an *fs.PathError's operation and path: the path the
// user gave is already in the message, a temporary name means nothing.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
