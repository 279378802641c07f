//go:build !unix

package mnist

// probeAllocation has no portable way to ask first here: it grants all.
func probeAllocation(int64) error { return nil }
