//go:build !amd64 || noasm

package sgemm

func packXContigFast(d, s []float32, ld, kl, w int) bool { return false }

func packKContigFast(d, s []float32, ld, kl, w, v int) bool { return false }
