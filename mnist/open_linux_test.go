package mnist

import (
	"path/filepath"
	"syscall"
	"testing"
)

// openRegular opens with O_NONBLOCK; the descriptor it returns must be back
// in blocking mode.
func TestOpenRegularClearsNonblock(t *testing.T) {
	path := writeFile(t, t.TempDir(), "f", []byte("data"))
	f, size, err := openRegular(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if size != 4 {
		t.Errorf("size %d, want 4", size)
	}
	rc, err := f.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var flags uintptr
	var errno syscall.Errno
	if err := rc.Control(func(fd uintptr) {
		flags, _, errno = syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_GETFL, 0)
	}); err != nil || errno != 0 {
		t.Fatalf("fcntl: %v %v", err, errno)
	}
	if flags&syscall.O_NONBLOCK != 0 {
		t.Errorf("%s still has O_NONBLOCK (flags %#x)", filepath.Base(path), flags)
	}
}
