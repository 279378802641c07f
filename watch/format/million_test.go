//go:build unix && !race

package format

import (
	"syscall"
	"testing"
	"time"
)

// TestMillionLines: a million lines of each format parse in well under a
// second of CPU time (CPU time, not wall time, so that a busy machine does
// not fail it). The parsers need about a fifth of it.
func TestMillionLines(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	for _, tt := range []struct {
		kind           Kind
		header, format string
	}{
		{JSONL, "", `{"step": %d, "loss": %s, "kl": %s}`},
		{CSV, "step,loss,kl", "%d,%s,%s"},
	} {
		lines := benchLines(1000000, tt.format)
		p := New(tt.kind)
		p.Parse([]byte(tt.header))
		start := cpuTime()
		for _, l := range lines {
			if _, ok, err := p.Parse(l); !ok || err != nil {
				t.Fatalf("%q: %v %v", l, ok, err)
			}
		}
		d := cpuTime() - start
		t.Logf("%v: a million lines in %v of CPU time", tt.kind, d)
		if d > time.Second {
			t.Errorf("%v: a million lines took %v of CPU time", tt.kind, d)
		}
	}
}

// cpuTime is the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
