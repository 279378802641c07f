//go:build !(linux || darwin || netbsd || openbsd || solaris || illumos || aix || dragonfly)

package tail

import "errors"

func mkfifo(string) error { return errors.New("no mkfifo here") }
