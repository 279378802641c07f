package boxstat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParsersOnGoodInput(t *testing.T) {
	if rss, err := parseStatm([]byte("112233 4096 512 10 0 300 0\n")); err != nil || rss != 4096*pageSize {
		t.Errorf("statm: %d %v", rss, err)
	}
	if l, err := parseLoadavg([]byte("1.93 1.50 0.75 3/812 4242\n")); err != nil || l != 1.93 {
		t.Errorf("loadavg: %v %v", l, err)
	}
	m, err := parseMeminfo([]byte("MemTotal:       24576000 kB\nMemFree:         1000 kB\nMemAvailable:   20971520 kB\n"))
	if err != nil || m.total != 24576000*1024 || m.avail != 20971520*1024 {
		t.Errorf("meminfo: %+v %v", m, err)
	}
}

func TestParsersOnBadInput(t *testing.T) {
	for _, b := range []string{"", "12", "12 x", "12 -3"} {
		if _, err := parseStatm([]byte(b)); err == nil {
			t.Errorf("statm %q accepted", b)
		}
	}
	for _, b := range []string{"", "x 1 2", "-1 0 0", "NaN 0 0"} {
		if _, err := parseLoadavg([]byte(b)); err == nil {
			t.Errorf("loadavg %q accepted", b)
		}
	}
	for _, b := range []string{"", "MemTotal: 10 kB\n", "MemTotal: x kB\nMemAvailable: 5 kB", "MemTotal:\nMemAvailable: 1 kB"} {
		if _, err := parseMeminfo([]byte(b)); err == nil {
			t.Errorf("meminfo %q accepted", b)
		}
	}
}

// A sampler reads a /proc tree; CPU use is measured between samples.
func TestSamplerReadsProc(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "self"), 0o755)
	os.WriteFile(filepath.Join(dir, "self", "statm"), []byte("1 100 0 0 0 0 0\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "loadavg"), []byte("0.50 0.40 0.30 1/100 7\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "meminfo"), []byte("MemTotal: 2048 kB\nMemAvailable: 1024 kB\n"), 0o644)
	s := &Sampler{proc: dir}
	f, err := s.Sample()
	if err != nil || f.RSS != 100*pageSize || f.Load1 != 0.5 || f.MemAvail != 1024*1024 || f.MemTotal != 2048*1024 || f.CPU != 0 {
		t.Fatalf("%+v %v", f, err)
	}
	t0 := time.Unix(100, 0)
	s.lastCPU, s.lastAt = 0, t0
	if pct := s.cpuSince(1500*time.Millisecond, t0.Add(time.Second)); pct != 150 {
		t.Errorf("1.5 s of CPU in 1 s: %v%%", pct)
	}
	os.Remove(filepath.Join(dir, "loadavg"))
	if _, err := s.Sample(); err == nil || !strings.Contains(err.Error(), "loadavg") {
		t.Errorf("missing loadavg: %v", err)
	}
}

func FuzzParsers(f *testing.F) {
	for _, s := range []string{"1 2 3", "0.5 1 1 1/2 3", "MemTotal: 1 kB\nMemAvailable: 1 kB\n", "", ":\n:"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if rss, err := parseStatm(b); err != nil && rss != 0 {
			t.Errorf("statm error with a value")
		}
		if l, err := parseLoadavg(b); err == nil && (l < 0 || l != l) {
			t.Errorf("loadavg %v accepted", l)
		}
		if m, err := parseMeminfo(b); err != nil && m != (meminfo{}) {
			t.Errorf("meminfo error with a value")
		}
	})
}
