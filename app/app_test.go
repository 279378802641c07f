package app

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runMain(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, &out, &errb, nil)
	return code, out.String(), errb.String()
}

func TestBadFlagsGiveOneLineAndExit2(t *testing.T) {
	cases := [][]string{
		{"--epochs", "abc"}, {"--epochs", "0"}, {"--bogus"}, {"--lr", "-1"}, {"--beta", "NaN"},
		{"--latent", "0"}, {"--hidden", "512,x"}, {"--activation", "tanh"}, {"--loss", "l1"},
		{"--dropout", "1.5"}, {"--batch", "-3"}, {"--seed", "-1"}, {"extra"}, {"--headless", "--tui"},
		{"--train-limit", "-5"}, {"--threads", "-2"}, {"--threads", "100000"},
	}
	for _, args := range cases {
		code, _, stderr := runMain(t, args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
		if lines := strings.Count(stderr, "\n"); lines != 1 || !strings.HasPrefix(stderr, "vaetop: ") {
			t.Errorf("%v: want one 'vaetop:' line, got %q", args, stderr)
		}
	}
}

func TestHelpExitsZero(t *testing.T) {
	code, out, _ := runMain(t, "--help")
	if code != ExitOK || !strings.Contains(out, "--latent-dropout") || !strings.Contains(out, "--resume FILE") {
		t.Errorf("--help: exit %d, output %q", code, out)
	}
}

// writeIDX writes a gzip IDX file with the given header words and payload.
func writeIDX(t *testing.T, path string, words []uint32, payload []byte) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for _, w := range words {
		binary.Write(zw, binary.BigEndian, w)
	}
	zw.Write(payload)
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dataDir writes a tiny valid MNIST-shaped data set, then lets bad damage
// one file.
func dataDir(t *testing.T, nTrain, nTest int) string {
	dir := t.TempDir()
	px := func(n int) []byte {
		b := make([]byte, n*784)
		for i := range b {
			b[i] = byte(i * 7)
		}
		return b
	}
	lb := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i % 10)
		}
		return b
	}
	writeIDX(t, filepath.Join(dir, "train-images-idx3-ubyte.gz"), []uint32{2051, uint32(nTrain), 28, 28}, px(nTrain))
	writeIDX(t, filepath.Join(dir, "train-labels-idx1-ubyte.gz"), []uint32{2049, uint32(nTrain)}, lb(nTrain))
	writeIDX(t, filepath.Join(dir, "t10k-images-idx3-ubyte.gz"), []uint32{2051, uint32(nTest)}, nil)
	writeIDX(t, filepath.Join(dir, "t10k-images-idx3-ubyte.gz"), []uint32{2051, uint32(nTest), 28, 28}, px(nTest))
	writeIDX(t, filepath.Join(dir, "t10k-labels-idx1-ubyte.gz"), []uint32{2049, uint32(nTest)}, lb(nTest))
	return dir
}

func TestBadDataGivesOneLineAndExit1(t *testing.T) {
	cases := map[string]func(dir string){
		"truncated": func(dir string) {
			writeIDX(t, filepath.Join(dir, "train-images-idx3-ubyte.gz"), []uint32{2051, 300, 28, 28}, make([]byte, 100))
		},
		"wrong magic": func(dir string) {
			writeIDX(t, filepath.Join(dir, "t10k-labels-idx1-ubyte.gz"), []uint32{2051, 50}, make([]byte, 50))
		},
		"corrupt gzip": func(dir string) {
			os.WriteFile(filepath.Join(dir, "train-labels-idx1-ubyte.gz"), []byte{0x1f, 0x8b, 8, 0, 1, 2, 3}, 0o644)
		},
		"missing file": func(dir string) { os.Remove(filepath.Join(dir, "t10k-images-idx3-ubyte.gz")) },
	}
	for name, damage := range cases {
		dir := dataDir(t, 300, 50)
		damage(dir)
		code, _, stderr := runMain(t, "--headless", "--data", dir, "--epochs", "1")
		if code != ExitFailure {
			t.Errorf("%s: exit %d, want %d", name, code, ExitFailure)
		}
		if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, dir) || strings.Contains(stderr, "goroutine") {
			t.Errorf("%s: want one line naming the file, got %q", name, stderr)
		}
	}
	code, _, stderr := runMain(t, "--headless", "--data", filepath.Join(t.TempDir(), "nope"))
	if code != ExitFailure || strings.Count(stderr, "\n") != 1 {
		t.Errorf("missing data dir: exit %d, %q", code, stderr)
	}
}

func TestHeadlessRunWritesMetricsSamplesAndResumes(t *testing.T) {
	dir := dataDir(t, 300, 50)
	tmp := t.TempDir()
	metrics := filepath.Join(tmp, "m.jsonl")
	ck := filepath.Join(tmp, "ck")
	samples := filepath.Join(tmp, "s.png")
	small := []string{"--headless", "--data", dir, "--hidden", "32,16", "--latent", "4", "--batch", "50"}
	code, out, stderr := runMain(t, append(small, "--epochs", "1", "--metrics", metrics, "--checkpoint", ck, "--samples", samples)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "Epoch [1/1], Loss: ") {
		t.Errorf("output %q does not start with the tutorial's line", out)
	}
	for _, p := range []string{metrics, ck, samples} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", p, err)
		}
	}
	code, out, stderr = runMain(t, append(small, "--epochs", "2", "--resume", ck, "--metrics", metrics)...)
	if code != ExitOK || !strings.HasPrefix(out, "Epoch [2/2]") {
		t.Fatalf("resume: exit %d, out %q, err %q", code, out, stderr)
	}
	raw, _ := os.ReadFile(metrics)
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 2 {
		t.Fatalf("metrics has %d lines, want 2 (appended on resume)", len(lines))
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"kind", "epoch", "train_loss", "train_bce", "train_kl", "test_loss", "seconds", "samples_per_sec"} {
		if _, ok := m[k]; !ok {
			t.Errorf("metrics line lacks %q", k)
		}
	}
	if m["epoch"].(float64) != 2 {
		t.Errorf("second metrics line is epoch %v", m["epoch"])
	}
	// A model flag that contradicts the checkpoint is refused in one line.
	code, _, stderr = runMain(t, append(small, "--latent", "8", "--resume", ck)...)
	if code != ExitUsage || !strings.HasSuffix(stderr, "differs from the flags (784-32-16-z8 relu bce) (see --help)\n") {
		t.Errorf("conflicting resume: exit %d, %q", code, stderr)
	}
}

func TestBenchCommand(t *testing.T) {
	code, out, stderr := runMain(t, "bench", "--steps", "3", "--batch", "16")
	if code != ExitOK {
		t.Skipf("bench needs MNIST: %s", stderr)
	}
	for _, want := range []string{"images/s", "s/epoch(60k)", "GFLOP/s", "allocs/step", "peak RSS"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q: %s", want, out)
		}
	}
	for args, want := range map[string]string{
		"--steps 0":       "vaetop bench: --steps 0 must be in 1..1000000\n",
		"--steps 9999999": "vaetop bench: --steps 9999999 must be in 1..1000000\n",
		"--batch 60001":   "vaetop bench: --batch 60001 must be in 1..60000\n",
	} {
		if code, _, stderr := runMain(t, append([]string{"bench"}, strings.Fields(args)...)...); code != ExitUsage || stderr != want {
			t.Errorf("bench %s: exit %d, stderr %q, want %q", args, code, stderr, want)
		}
	}
}

func TestThreadCountSaysThreadOrThreads(t *testing.T) {
	for n, want := range map[int]string{1: "1 thread", 2: "2 threads", 16: "16 threads"} {
		if got := threadCount(n); got != want {
			t.Errorf("threadCount(%d) = %q, want %q", n, got, want)
		}
	}
}

// An output path that cannot be written fails before any training, not
// after the run has been spent.
func TestUnwritableOutputFailsBeforeTraining(t *testing.T) {
	dir := dataDir(t, 300, 50)
	missing := filepath.Join(t.TempDir(), "no-such-dir")
	for _, flag := range []string{"--checkpoint", "--samples"} {
		path := filepath.Join(missing, "out.png")
		code, out, stderr := runMain(t, "--headless", "--data", dir, "--hidden", "32,16", "--latent", "4", "--batch", "50", "--epochs", "1", flag, path)
		if code != ExitFailure || out != "" {
			t.Errorf("%s %s: exit %d, output %q", flag, path, code, out)
		}
		if !strings.HasPrefix(stderr, fmt.Sprintf("vaetop: %s: %q: directory", flag, path)) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s %s: stderr %q", flag, path, stderr)
		}
	}
}

// An empty path (an unset shell variable) is a usage error that says so,
// for every command that takes paths.
func TestEmptyPathsAreUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"explore", ""}, {"explore", "--data", "", "x.ckpt"}, {"bench", "--data", ""},
		{"watch", ""}, {"watch", "--host-key", "", "--listen", "127.0.0.1:0", "a.jsonl"},
		{"--headless", "--resume", ""}, {"compare", "--checkpoint", "", "", "--latent 8"},
	} {
		code, out, stderr := runMain(t, args...)
		if code != ExitUsage || out != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "empty path") {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
}
