package boxstat

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// pageSize is the size statm counts in.
var pageSize = uint64(os.Getpagesize())

// parseStatm reads /proc/self/statm: its second field is the resident
// set, in pages.
func parseStatm(b []byte) (uint64, error) {
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0, fmt.Errorf("statm: %d fields, want 2 or more", len(f))
	}
	pages, err := strconv.ParseUint(string(f[1]), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("statm: resident pages %q: %w", f[1], err)
	}
	return pages * pageSize, nil
}

// parseLoadavg reads /proc/loadavg: its first field is the load over one
// minute.
func parseLoadavg(b []byte) (float64, error) {
	f := bytes.Fields(b)
	if len(f) < 1 {
		return 0, fmt.Errorf("loadavg: empty")
	}
	v, err := strconv.ParseFloat(string(f[0]), 64)
	if err != nil || v < 0 || v != v {
		return 0, fmt.Errorf("loadavg: %q is not a load", f[0])
	}
	return v, nil
}

type meminfo struct{ total, avail uint64 }

// parseMeminfo reads MemTotal and MemAvailable (kB) from /proc/meminfo.
func parseMeminfo(b []byte) (meminfo, error) {
	var m meminfo
	var haveTotal, haveAvail bool
	for _, line := range bytes.Split(b, []byte("\n")) {
		key, rest, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		var dst *uint64
		switch string(key) {
		case "MemTotal":
			dst, haveTotal = &m.total, true
		case "MemAvailable":
			dst, haveAvail = &m.avail, true
		default:
			continue
		}
		f := bytes.Fields(rest)
		if len(f) < 1 {
			return meminfo{}, fmt.Errorf("meminfo: %s has no value", key)
		}
		kb, err := strconv.ParseUint(string(f[0]), 10, 64)
		if err != nil || kb > 1<<50 {
			return meminfo{}, fmt.Errorf("meminfo: %s %q is not a size", key, f[0])
		}
		*dst = kb * 1024
	}
	if !haveTotal || !haveAvail {
		return meminfo{}, fmt.Errorf("meminfo: no MemTotal or MemAvailable")
	}
	return m, nil
}
