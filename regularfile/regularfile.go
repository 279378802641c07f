// Package regularfile opens files for reading that must be regular files:
// data sets, checkpoints, settings. Anything else is refused before it can
// block or cause harm: opening a named pipe waits for a writer (deaf to
// Ctrl-C, since the goroutine is stuck in open(2)), /dev/zero never ends,
// and opening a device can have side effects.
package regularfile

import (
	"fmt"
	"io/fs"
	"os"
)

// NotRegularError is the error for a path that exists but is not a regular
// file (or a symlink to one).
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%q: not a regular file but %s", e.Path, Kind(e.Mode))
}

// Open opens path for reading and returns its file information. The path
// is checked with stat first, then opened with O_NONBLOCK where there is
// one and checked again, in case it was replaced in between. Other errors
// are the *fs.PathError of os.Open or os.Stat.
func Open(path string) (*os.File, fs.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, &NotRegularError{path, st.Mode()}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	st, err = f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = &NotRegularError{path, st.Mode()}
	}
	if err == nil {
		err = setBlocking(f)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// Kind names the type of a file in words: "a directory", "a named pipe
// (FIFO)", "a character device"…
func Kind(mode fs.FileMode) string {
	switch {
	case mode.IsRegular():
		return "a regular file"
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
