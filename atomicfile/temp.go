package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Temporary files are named ".BASE.tmp-PID-RANDOM" beside their target. The
// PID lets a later run tell the litter of a process that was killed (kill
// -9, a power cut) from the file another live run is writing right now.

func tempPrefix(target string) string {
	return "." + filepath.Base(target) + ".tmp-" + strconv.Itoa(os.Getpid()) + "-"
}

// createTemp creates the hidden temporary file that Write renames to target.
func createTemp(target string) (*os.File, error) {
	return os.CreateTemp(filepath.Dir(target), tempPrefix(target)+"*")
}

// RemoveStale deletes the temporary files that Write left beside path in
// processes that no longer exist, and returns the names it removed. Files
// of live processes, and files of other naming, are left alone.
func RemoveStale(path string) []string {
	r, err := ResolvePath(path)
	if err != nil {
		return nil
	}
	return r.RemoveStale()
}

// RemoveStale is the package's RemoveStale for a resolved path.
func (r Resolved) RemoveStale() []string {
	target, err := r.Regular()
	if err != nil {
		return nil
	}
	dir := filepath.Dir(target)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	prefix := "." + filepath.Base(target) + ".tmp-"
	var removed []string
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		pidText, random, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || !allDigits(random) || pid == os.Getpid() || processAlive(pid) {
			continue // not a name CreateTemp made, or a live writer's
		}
		if os.Remove(filepath.Join(dir, name)) == nil {
			removed = append(removed, filepath.Join(dir, name))
		}
	}
	return removed
}

// processAlive reports whether pid exists. A process of another user
// answers EPERM: it exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
