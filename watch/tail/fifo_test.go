//go:build linux || darwin || netbsd || openbsd || solaris || illumos || aix || dragonfly

package tail

import "syscall"

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
