//go:build unix && !race

package mnist

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// With the address space limited, a plain file whose 1 GiB of pixels is
// really there (sparse) must fail with one line, not end the program with
// Go's "fatal error: out of memory" dump. The load runs in a child process
// that limits itself. (Not under -race: its shadow memory needs more
// address space than the limit leaves.)
func TestHugeAllocationRefusedCleanly(t *testing.T) {
	if path := os.Getenv("MNIST_TEST_LIMITED_LOAD"); path != "" {
		limit := uint64(512 << 20)
		if vm := vmSize(); vm > 0 {
			limit += vm
		}
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
			t.Skipf("setrlimit: %v", err)
		}
		_, err := ReadImages(path)
		t.Logf("ERROR: %v", err)
		return
	}
	path := writeFile(t, t.TempDir(), "sparse", header(imagesMagic, 1024, 1024, 1024))
	if err := os.Truncate(path, 16+1<<30); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHugeAllocationRefusedCleanly$", "-test.v")
	cmd.Env = append(os.Environ(), "MNIST_TEST_LIMITED_LOAD="+path)
	out, err := cmd.CombinedOutput()
	text := string(out)
	if strings.Contains(text, "SKIP") {
		t.Skip(text)
	}
	if err != nil || strings.Contains(text, "fatal error") {
		t.Fatalf("child failed (%v): %.400s", err, text)
	}
	checkOneLine(t, errorLine(text), q(path)+": cannot allocate 1073741824 pixel bytes: cannot allocate memory")
}

// vmSize returns this process's virtual memory size from /proc, or 0.
func vmSize() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmSize:" && f[2] == "kB" {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// lineError is an error holding one line of the child's output.
type lineError string

func (e lineError) Error() string { return string(e) }

// errorLine returns the error the child logged, or nil.
func errorLine(out string) error {
	_, rest, ok := strings.Cut(out, "ERROR: ")
	if !ok {
		return nil
	}
	line, _, _ := strings.Cut(rest, "\n")
	if line == "<nil>" {
		return nil
	}
	return lineError(line)
}
