//go:build unix

package mnist

import "syscall"

// probeAllocation asks the kernel for n bytes of anonymous memory and gives
// them back at once. Go cannot recover from an allocation the system
// refuses (it ends the program with a runtime dump), so a large payload is
// probed first and a refusal becomes an ordinary error. The mapping is
// never touched, so it costs no physical memory.
func probeAllocation(n int64) error {
	b, err := syscall.Mmap(-1, 0, int(n), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return err
	}
	return syscall.Munmap(b)
}
