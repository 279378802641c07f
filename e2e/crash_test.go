package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// crashArgs is a small, fast run: 2 steps an epoch, so that most of the
// time goes to the epoch-end writes (test pass, metrics line, checkpoint),
// where a kill does the most harm.
var crashArgs = []string{"--headless", "--train-limit", "256", "--hidden", "256,128", "--latent", "8", "--seed", "7", "--no-download"}

// crashKills is how many times each crash test stops the run.
const crashKills = 30

// crashEpochs is an --epochs that the killed runs never reach; the last
// resume lowers it to where the reference run stops.
const crashEpochs = "100000"

// TestCrashAndResume kills a training run at random moments and resumes it
// each time, with kill -9 (no chance to save) and with SIGHUP (the terminal
// closing: the run saves first). The metrics file must end with every epoch
// exactly once, and the losses must equal an uninterrupted run's bit for
// bit. The moments come from a seed that the log states; set
// VAETOP_CRASH_SEED to replay one.
func TestCrashAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("the crash test takes about a minute")
	}
	dir := t.TempDir()
	bin := build(t, dir)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("VAETOP_CRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("VAETOP_CRASH_SEED: %v", err)
		}
	}
	t.Logf("kill moments from seed %d (VAETOP_CRASH_SEED=%d replays them)", seed, seed)

	type victim struct {
		sig         syscall.Signal
		ck, metrics string
		reconciled  int // resumes that had to mend the metrics file
		swept       int // starts that removed a killed run's temporary file
	}
	victims := []*victim{{sig: syscall.SIGKILL}, {sig: syscall.SIGHUP}}
	epochs := 0
	for i, v := range victims {
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		work := filepath.Join(dir, fmt.Sprintf("sig%d", v.sig))
		os.Mkdir(work, 0o755)
		v.ck, v.metrics = filepath.Join(work, "run.ckpt"), filepath.Join(work, "m.jsonl")
		for kill := 0; kill < crashKills; kill++ {
			// Counted from the moment training starts (the banner), so
			// that every kill lands in training or its epoch-end writes.
			delay := time.Duration(rng.IntN(500)) * time.Millisecond
			stderr, err := runUntil(bin, v.ck, v.metrics, crashEpochs, v.sig, delay)
			if err != nil {
				t.Fatalf("%v, kill %d after %v: %v", v.sig, kill+1, delay, err)
			}
			if strings.Contains(stderr, "now agrees with the checkpoint") {
				v.reconciled++
			}
			if strings.Contains(stderr, "a temporary file left by a run that was killed") {
				v.swept++
			}
		}
		n := len(epochLosses(t, v.metrics))
		t.Logf("%v: %d kills reached epoch %d; %d resumes mended the metrics file, %d removed a temporary file",
			v.sig, crashKills, n, v.reconciled, v.swept)
		epochs = max(epochs, n+2)
	}

	refDir := filepath.Join(dir, "ref")
	os.Mkdir(refDir, 0o755)
	ref := filepath.Join(refDir, "m.jsonl")
	cmd := exec.Command(bin, append(crashArgs, "--epochs", strconv.Itoa(epochs), "--metrics", ref)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}
	want := epochLosses(t, ref)

	for _, v := range victims {
		if _, err := runUntil(bin, v.ck, v.metrics, strconv.Itoa(epochs), 0, 0); err != nil {
			t.Fatalf("%v: final resume: %v", v.sig, err)
		}
		got := epochLosses(t, v.metrics)
		if len(got) != len(want) {
			t.Fatalf("%v: %d epoch lines after %d kills, want %d", v.sig, len(got), crashKills, len(want))
		}
		for e := range want {
			if got[e] != want[e] {
				t.Fatalf("%v: after %d kills, epoch %d differs:\n got %s\nwant %s", v.sig, crashKills, e+1, got[e], want[e])
			}
		}
		if litter, _ := filepath.Glob(filepath.Join(filepath.Dir(v.ck), ".*.tmp*")); len(litter) > 0 {
			t.Errorf("%v: temporary files left: %v", v.sig, litter)
		}
	}
}

// runUntil starts the run (resuming when the checkpoint exists) and sends
// sig after delay; sig 0 lets it finish. It returns the run's stderr, and
// an error when it ended otherwise than expected: by itself before the
// signal, with the wrong exit code, or not at all.
func runUntil(bin, ck, metrics, epochs string, sig syscall.Signal, delay time.Duration) (string, error) {
	args := append([]string(nil), crashArgs...)
	args = append(args, "--epochs", epochs, "--checkpoint", ck, "--metrics", metrics)
	if _, err := os.Stat(ck); err == nil {
		args = append(args, "--resume", ck)
	} else {
		args = append(args, "--force") // the metrics file may hold lines from before the first checkpoint
	}
	cmd := exec.Command(bin, args...)
	stderr := &bannerWatch{training: make(chan struct{})}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if sig != 0 {
		select {
		case err := <-done:
			return stderr.String(), fmt.Errorf("ended before training (%v): %s", err, stderr.String())
		case <-stderr.training:
		}
		select {
		case err := <-done:
			return stderr.String(), fmt.Errorf("ended before the signal (%v): %s", err, stderr.String())
		case <-time.After(delay):
			cmd.Process.Signal(sig)
		}
	}
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		return stderr.String(), fmt.Errorf("hung: %s", stderr.String())
	}
	code := cmd.ProcessState.ExitCode()
	switch {
	case sig == 0 && code != 0:
		return stderr.String(), fmt.Errorf("exit %d: %s", code, stderr.String())
	case sig == syscall.SIGHUP && code != 129:
		return stderr.String(), fmt.Errorf("exit %d after SIGHUP, want 129: %s", code, stderr.String())
	}
	return stderr.String(), nil
}

// bannerWatch collects a run's stderr and closes training when the
// banner that precedes the first step ("vaetop: model …") arrives.
type bannerWatch struct {
	mu       sync.Mutex
	buf      bytes.Buffer
	training chan struct{}
	seen     bool
}

func (w *bannerWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if !w.seen && strings.Contains(w.buf.String(), "vaetop: model ") {
		w.seen = true
		close(w.training)
	}
	return len(p), nil
}

func (w *bannerWatch) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// epochLosses reads a metrics file's epoch lines as their loss fields in
// JSON's shortest round-trip spelling (equal text, equal bits), failing on
// a line that is not valid JSON or an epoch out of order.
func epochLosses(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for n, line := range strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n") {
		d := json.NewDecoder(strings.NewReader(line))
		d.UseNumber()
		var m map[string]any
		if err := d.Decode(&m); err != nil {
			t.Fatalf("%s line %d is not JSON (%v): %q", path, n+1, err, line)
		}
		if m["kind"] != "epoch" {
			continue
		}
		if e := fmt.Sprint(m["epoch"]); e != strconv.Itoa(len(out)+1) {
			t.Fatalf("%s line %d is epoch %s, want %d (each epoch once, in order)", path, n+1, e, len(out)+1)
		}
		var b strings.Builder
		for _, k := range []string{"train_loss", "train_bce", "train_kl", "test_loss", "test_bce", "test_kl", "steps"} {
			fmt.Fprintf(&b, "%s=%v ", k, m[k])
		}
		out = append(out, b.String())
	}
	return out
}
