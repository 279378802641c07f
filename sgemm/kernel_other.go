//go:build !amd64 || noasm

package sgemm

func init() { kernels = append(kernels, goKernel) }
