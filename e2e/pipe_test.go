package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The documented pipeline (docs/files-signals-errors.md), vaetop --metrics /dev/stdout | jq: stdout carries
// JSON Lines alone, one object per epoch, and the epoch lines go to stderr.
func TestMetricsOnStdoutIsJSONLinesOnly(t *testing.T) {
	bin := build(t, t.TempDir())
	cmd := exec.Command(bin, "--headless", "--epochs", "3", "--train-limit", "2000", "--metrics", "/dev/stdout")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	sc := bufio.NewScanner(&stdout)
	epochs := 0
	for sc.Scan() {
		var m struct {
			Kind  string `json:"kind"`
			Epoch int    `json:"epoch"`
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("stdout line %q is not JSON: %v", sc.Text(), err)
		}
		if m.Kind == "epoch" {
			epochs++
			if m.Epoch != epochs {
				t.Errorf("epoch %d where %d was due", m.Epoch, epochs)
			}
		}
	}
	if epochs != 3 || strings.Count(stderr.String(), "Epoch [") != 3 {
		t.Errorf("%d epoch objects on stdout; stderr:\n%s", epochs, stderr.String())
	}
}

// vaetop --metrics /dev/stdout | head -1: the reader going away stops the
// run, as a closed stdout does, although the epoch lines go to stderr.
func TestMetricsOnStdoutClosedStopsTheRun(t *testing.T) {
	bin := build(t, t.TempDir())
	cmd := exec.Command(bin, "--headless", "--epochs", "100000", "--train-limit", "500", "--metrics", "/dev/stdout")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	out.Close() // as head -1 does
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("the run went on after its metrics reader left; stderr:\n%s", stderr.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "stdout was closed") || strings.Contains(stderr.String(), "training goes on") {
		t.Errorf("exit %d; stderr:\n%s", code, stderr.String())
	}
}
