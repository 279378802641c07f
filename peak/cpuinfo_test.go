package peak

import (
	"os"
	"strconv"
	"strings"
)

// cpuinfo returns /proc/cpuinfo's "flags" of the first CPU and the highest
// "cpu MHz" over all CPUs (0 if absent).
func cpuinfo() (flags map[string]bool, mhz float64) {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return nil, 0
	}
	for line := range strings.Lines(string(b)) {
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "flags":
			if flags == nil {
				flags = map[string]bool{}
				for _, f := range strings.Fields(val) {
					flags[f] = true
				}
			}
		case "cpu MHz":
			if f, err := strconv.ParseFloat(val, 64); err == nil {
				mhz = max(mhz, f)
			}
		}
	}
	return flags, mhz
}

// expectedWidth is the FMA width this build should measure on this CPU,
// judged from /proc/cpuinfo rather than x/sys/cpu.
func expectedWidth(flags map[string]bool) int {
	switch {
	case !haveAddChain: // no assembly in this build
		return 0
	case flags["avx512f"]:
		return 512
	case flags["avx2"] && flags["fma"]:
		return 256
	}
	return 0
}

// nominalMHz reports whether "cpu MHz" is a fixed figure rather than a
// live reading: without cpufreq in sysfs (typical of VMs) the kernel
// reports the TSC or nominal frequency, not the clock cores run at.
func nominalMHz() bool {
	_, err := os.Stat("/sys/devices/system/cpu/cpu0/cpufreq")
	return err != nil
}
