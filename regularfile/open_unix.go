//go:build unix

package regularfile

import (
	"os"
	"syscall"
)

// openFlags makes open(2) of a named pipe return at once instead of waiting
// for a writer.
const openFlags = syscall.O_NONBLOCK

// setBlocking clears O_NONBLOCK on a regular file opened with openFlags.
// Regular files are not put in the runtime poller, so f then reads with
// plain blocking system calls as if opened without the flag.
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
