//go:build !noasm

package sgemm

// cpuPause executes PAUSE, the spin-wait hint.
func cpuPause()
