package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// unwrittenRE finds the count of lines a stuck reader never took.
var unwrittenRE = regexp.MustCompile(`; (\d+) lines not written to stdout \(its reader stopped reading\)\n$`)

// stopWhenStuck starts body with stdout a reader that stopped reading,
// waits until more lines than the queue holds are waiting, signals, and
// returns the exit code, stderr and how long the exit took.
func stopWhenStuck(t *testing.T, sig syscall.Signal, body func(ctx context.Context, stdout, stderr io.Writer) int) (int, string, time.Duration) {
	t.Helper()
	stdout := stuckWriter{make(chan struct{})}
	defer close(stdout.release)
	probe := &countingWriter{w: stdout}
	ctx, cancel := context.WithCancelCause(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- body(ctx, probe, &stderr) }()
	for start := time.Now(); probe.count() < 1; time.Sleep(5 * time.Millisecond) {
		if time.Since(start) > 30*time.Second {
			t.Fatalf("no epoch line: %q", stderr.String())
		}
	}
	time.Sleep(300 * time.Millisecond) // the backlog fills behind the stuck write
	start := time.Now()
	cancel(signalError{sig})
	select {
	case code := <-done:
		return code, stderr.String(), time.Since(start)
	case <-time.After(10 * time.Second):
		t.Fatalf("no exit 10 s after %v with stdout stuck; stderr %q", sig, stderr.String())
	}
	return 0, "", 0
}

// countingWriter counts the writes that reached the stuck reader.
type countingWriter struct {
	w io.Writer
	n atomic.Int64
}

func (c *countingWriter) Write(p []byte) (int, error) { c.n.Add(1); return c.w.Write(p) }
func (c *countingWriter) count() int                  { return int(c.n.Load()) }

// Defect 1 of #20: a signal ends a run within a second, saving it, while
// its stdout is a pipe nobody reads; the lines not written are counted.
func TestSignalExitsWhileStdoutIsStuck(t *testing.T) {
	data := dataDir(t, 32, 8)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		ck := filepath.Join(t.TempDir(), "p.ckpt")
		code, stderr, took := stopWhenStuck(t, sig, func(ctx context.Context, stdout, stderr io.Writer) int {
			c, err := parseFlags([]string{"--headless", "--data", data, "--hidden", "8", "--latent", "2", "--batch", "32",
				"--epochs", "100000", "--checkpoint", ck}, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			code, err := run(ctx, c, nil, stdout, stderr)
			if err != nil {
				t.Error(err)
			}
			return code
		})
		want := fmt.Sprintf("vaetop: %s; checkpoint saved to %q; ", signalError{sig}, ck)
		m := unwrittenRE.FindStringSubmatch(stderr)
		if code != 128+int(sig) || took > time.Second || !strings.Contains(stderr, want) || m == nil || m[1] == "0" {
			t.Errorf("%v: exit %d after %v, stderr %q", sig, code, took, stderr)
		}
		if _, err := os.Stat(ck); err != nil {
			t.Errorf("%v: %v", sig, err)
		}
	}
}

// The same for vaetop compare, whose summary table waits for stdout too.
func TestCompareSignalExitsWhileStdoutIsStuck(t *testing.T) {
	data := dataDir(t, 32, 8)
	ckdir := t.TempDir()
	shared, runs := mustParseCompare(t, "--headless", "--data", data, "--hidden", "8", "--batch", "32", "--epochs", "100000",
		"--checkpoint", ckdir, "--latent 2", "--latent 3")
	code, stderr, took := stopWhenStuck(t, syscall.SIGTERM, func(ctx context.Context, stdout, stderr io.Writer) int {
		code, err := compare(ctx, shared, runs, nil, stdout, stderr)
		if err != nil {
			t.Error(err)
		}
		return code
	})
	want := fmt.Sprintf("vaetop: terminated (SIGTERM); checkpoints saved to %q, %q; ", filepath.Join(ckdir, "latent-2.ckpt"), filepath.Join(ckdir, "latent-3.ckpt"))
	if code != 143 || took > time.Second || !strings.Contains(stderr, want) || unwrittenRE.FindStringSubmatch(stderr) == nil {
		t.Errorf("exit %d after %v, stderr %q", code, took, stderr)
	}
}
