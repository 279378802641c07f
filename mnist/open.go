package mnist

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// openRegular opens path for reading and returns its size. Anything but a
// regular file (or a symbolic link to one) is refused with a one-line error
// before it can block: opening a named pipe waits for a writer, and opening a
// device can have side effects, so the path is checked with stat first and
// then opened with O_NONBLOCK where there is one (openFlags) and checked
// again, in case it was replaced in between.
func openRegular(path string) (*os.File, int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, 0, fileError(path, err)
	}
	if !st.Mode().IsRegular() {
		return nil, 0, notRegular(path, st.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, 0, fileError(path, err)
	}
	st, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fileError(path, err)
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, 0, notRegular(path, st.Mode())
	}
	if err := setBlocking(f); err != nil {
		f.Close()
		return nil, 0, fileError(path, err)
	}
	return f, st.Size(), nil
}

// notRegular is the error for a data path that is not a regular file.
func notRegular(path string, mode fs.FileMode) error {
	return fmt.Errorf("mnist: %q: not a regular file but %s", path, fileKind(mode))
}

// fileKind names the type of a non-regular file in words.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a directory"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a block device"
	}
	return fmt.Sprintf("a file of mode %v", mode)
}

// fileError turns an *os.PathError into "mnist: PATH: reason" without
// repeating the operation and path, keeping errors.Is(err, fs.ErrNotExist).
func fileError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("mnist: %q: %w", path, err)
}
