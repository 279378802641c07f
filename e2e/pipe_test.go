package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
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
