package peak

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// defaultLLC is assumed when sysfs does not say: larger than the L3 of
// most current desktop and single-CCD server parts.
const defaultLLC = 64 << 20

// llcBytes returns the size of cpu0's last-level cache from
// /sys/devices/system/cpu/cpu0/cache/index*/{level,size}, else defaultLLC.
func llcBytes() int {
	dirs, _ := filepath.Glob("/sys/devices/system/cpu/cpu0/cache/index*")
	level, size := 0, 0
	for _, dir := range dirs {
		l, okL := readInt(filepath.Join(dir, "level"))
		s, okS := readSize(filepath.Join(dir, "size"))
		switch {
		case !okL || !okS:
		case l > level:
			level, size = l, s
		case l == level: // e.g. L1d and L1i
			size = max(size, s)
		}
	}
	if size <= 0 {
		return defaultLLC
	}
	return size
}

func readInt(path string) (int, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	return n, err == nil
}

// readSize reads a sysfs cache size such as "491520K".
func readSize(path string) (int, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	return parseSize(strings.TrimSpace(string(b)))
}

// parseSize parses "<n>", "<n>K", "<n>M" or "<n>G" (binary units).
func parseSize(s string) (int, bool) {
	shift := 0
	switch {
	case strings.HasSuffix(s, "K"):
		shift = 10
	case strings.HasSuffix(s, "M"):
		shift = 20
	case strings.HasSuffix(s, "G"):
		shift = 30
	}
	if shift > 0 {
		s = s[:len(s)-1]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, false
	}
	return n << shift, true
}
