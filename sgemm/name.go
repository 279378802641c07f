package sgemm

// KernelName names the micro-kernel Sgemm uses on this machine, e.g.
// "avx512-12x32", or "gonum" when it falls back to gonum's Sgemm.
func KernelName() string {
	if k := activeKernel(); k != nil {
		return k.name
	}
	return "gonum"
}
