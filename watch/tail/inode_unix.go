//go:build unix

package tail

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOpen: the file stays open between polls and a replacement of the
// path is told apart by its device and inode numbers.
const keepOpen = true

// openFlags makes open(2) of a named pipe that appeared at the path between
// the stat and the open return at once instead of waiting for a writer; the
// fstat after it then refuses the pipe.
const openFlags = syscall.O_NONBLOCK

// fileID is the identity of a file: its device and inode numbers.
type fileID struct{ dev, ino uint64 }

// idOf returns the identity of the file fi describes, and false when the
// system does not give one.
func idOf(fi fs.FileInfo) (fileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || st == nil {
		return fileID{}, false
	}
	return fileID{dev: uint64(st.Dev), ino: uint64(st.Ino)}, true
}

// setBlocking clears the O_NONBLOCK of openFlags on a regular file, so that
// it reads with plain blocking system calls on every file system.
func setBlocking(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var setErr error
	if err := rc.Control(func(fd uintptr) { setErr = syscall.SetNonblock(int(fd), false) }); err != nil {
		return err
	}
	return setErr
}
