package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStartProfilesWritesWhatTheEnvironmentAsks(t *testing.T) {
	dir := t.TempDir()
	cpu, tr := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "run.trace")
	t.Setenv("VAETOP_CPUPROFILE", cpu)
	t.Setenv("VAETOP_TRACE", tr)
	var stderr bytes.Buffer
	stop := startProfiles(&stderr)
	for i := 0; i < 1e6; i++ {
		_ = strings.Repeat("x", i%7)
	}
	stop()
	for _, p := range []string{cpu, tr} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: not written (%v)", p, err)
		}
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr: %q", stderr.String())
	}
}

func TestStartProfilesToldOfAFileItCannotMake(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "no", "such", "dir", "cpu.pprof")
	t.Setenv("VAETOP_CPUPROFILE", bad)
	t.Setenv("VAETOP_TRACE", "")
	var stderr bytes.Buffer
	startProfiles(&stderr)()
	got := stderr.String()
	if strings.Count(got, "\n") != 1 || !strings.Contains(got, "VAETOP_CPUPROFILE") || !strings.Contains(got, bad) {
		t.Errorf("want one line naming the variable and the file, got %q", got)
	}
}
