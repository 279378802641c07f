package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// ErrLocked is wrapped by Lock's error when another process holds the lock.
var ErrLocked = errors.New("locked by another process")

type lockedError struct{ path, pid string }

func (e lockedError) Error() string {
	if e.pid == "" {
		return fmt.Sprintf("%q is being written by another vaetop", e.path)
	}
	return fmt.Sprintf("%q is being written by another vaetop (PID %s)", e.path, e.pid)
}

func (e lockedError) Is(target error) bool { return target == ErrLocked }

// Lock takes an exclusive lock on writing path, so that two runs given the
// same --checkpoint or --metrics cannot interleave their files. The lock is
// an flock(2) on a hidden ".BASE.lock" beside the file's target (the file
// itself is replaced by every rename, so its own inode cannot carry a
// lock). The lock file records the holder's PID for the message; a process
// killed with -9 leaves it unlocked, and the next run takes it over.
// Unlock releases the lock and removes the file.
func Lock(path string) (unlock func(), err error) {
	r, err := ResolvePath(path)
	if err != nil {
		return nil, err
	}
	return r.Lock()
}

// Lock is the package's Lock for a resolved path.
func (r Resolved) Lock() (unlock func(), err error) {
	target, err := r.Regular()
	if err != nil {
		return nil, err
	}
	path := r.Path
	name := filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".lock")
	for range 3 { // the holder may remove the file between our open and flock
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("%q: cannot create the lock %q: %w", path, name, unwrapPath(err))
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			holder := make([]byte, 32)
			n, _ := f.ReadAt(holder, 0)
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				pid := strings.TrimSpace(string(holder[:n]))
				return nil, lockedError{path, pid}
			}
			return nil, fmt.Errorf("%q: cannot lock %q: %w", path, name, err)
		}
		// Locked; but if the holder removed the name meanwhile, our inode
		// is no longer the one at name.
		held, err1 := f.Stat()
		now, err2 := os.Stat(name)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			f.Close()
			continue
		}
		f.Truncate(0)
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		return func() {
			os.Remove(name) // while still locked: no one can have it open and locked
			f.Close()
		}, nil
	}
	return nil, fmt.Errorf("%q: the lock %q keeps changing hands", path, name)
}

// LockInPlace locks a file that is written in place, never replaced (the
// metrics file), with an flock on the file itself: every name of it, hard
// links included, shares the lock. It creates the file if need be.
func LockInPlace(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", path, unwrapPath(err))
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, lockedError{path, ""}
		}
		return nil, fmt.Errorf("%q: cannot lock it: %w", path, err)
	}
	return func() { f.Close() }, nil
}
