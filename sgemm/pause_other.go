//go:build !amd64 || noasm

package sgemm

// cpuPause is a no-op where no spin-wait hint is wired up.
func cpuPause() {}
