package app

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vaetop/vaetop/trainer"
)

// A headless run that diverges rolls back to its last finished state,
// saves that, and the advice it prints works: resuming with the lower
// learning rate it names trains on.
func TestHeadlessNaNRollsBackAndTheAdviceWorks(t *testing.T) {
	dir := dataDir(t, 300, 50)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	small := []string{"--headless", "--data", dir, "--hidden", "32,16", "--latent", "4", "--batch", "50", "--epochs", "2"}
	for _, withCheckpoint := range []bool{true, false} {
		args := append(append([]string(nil), small...), "--lr", "5")
		ck := filepath.Join(tmp, "run.ckpt")
		if withCheckpoint {
			args = append(args, "--checkpoint", ck)
		}
		code, out, stderr := runMain(t, args...)
		stderr = dropWarnings(stderr)
		if code != ExitFailure || out != "" {
			t.Fatalf("diverging run: exit %d, out %q, err %q", code, out, stderr)
		}
		m := regexp.MustCompile(`non-finite (?:loss|gradient norm|loss and gradient norm) at step \d+ \(loss \S+, grad norm \S+\): paused before the update\. .* rolled back to the start of the run and saved to "([^"]+)"; continue with --resume (\S+) --checkpoint (\S+) --lr 2.5 `).FindStringSubmatch(stderr)
		if m == nil {
			t.Fatalf("no usable advice in %q", stderr)
		}
		if withCheckpoint && m[1] != ck || !withCheckpoint && filepath.Dir(m[1]) != tmp {
			t.Errorf("saved to %q (with --checkpoint: %v)", m[1], withCheckpoint)
		}
		code, out, stderr = runMain(t, append(append([]string(nil), small...), "--resume", m[2], "--checkpoint", m[3], "--lr", "0.001")...)
		if code != ExitOK || !strings.Contains(out, "Epoch [2/2]") {
			t.Errorf("following the advice: exit %d, out %q, err %q", code, out, dropWarnings(stderr))
		}
		if ck, err := trainer.ReadCheckpoint(m[1]); err != nil || ck.Epoch != 2 {
			t.Errorf("following the advice did not keep the work: %v", err)
		}
		os.Remove(m[1])
	}
}
