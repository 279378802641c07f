package app

import "syscall"

// fcntlFlags is fcntl(fd, F_GETFL): the descriptor's access mode and flags.
func fcntlFlags(fd int) (int, error) {
	r, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_GETFL, 0)
	if errno != 0 {
		return 0, errno
	}
	return int(r), nil
}
