package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vaetop/vaetop/trainer"
)

func mustParseCompare(t *testing.T, args ...string) (*config, []*compareRun) {
	t.Helper()
	shared, runs, err := parseCompare(args, io.Discard)
	if err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	return shared, runs
}

// A run's flags are split as a shell would, quotes included, and read
// after the shared ones: the run's own win.
func TestCompareSplitsRunFlagsWithQuotes(t *testing.T) {
	_, runs := mustParseCompare(t, "--epochs", "3", "--latent", "8",
		`--hidden "32, 16" --name 'my run'`, "--latent=4 --epochs 5", `--name "it's \"q\""`)
	if len(runs) != 3 {
		t.Fatalf("%d runs", len(runs))
	}
	a, b, c := runs[0], runs[1], runs[2]
	if fmt.Sprint(a.c.opts.Model.Hidden) != "[32 16]" || a.name != "my run" || a.c.opts.Epochs != 3 || a.c.opts.Model.Latent != 8 {
		t.Errorf("run 1: hidden %v name %q epochs %d latent %d", a.c.opts.Model.Hidden, a.name, a.c.opts.Epochs, a.c.opts.Model.Latent)
	}
	if b.c.opts.Model.Latent != 4 || b.c.opts.Epochs != 5 || b.name != "latent 4 epochs 5" {
		t.Errorf("run 2: latent %d epochs %d name %q", b.c.opts.Model.Latent, b.c.opts.Epochs, b.name)
	}
	if c.name != `it's "q"` || c.file != "it_s-_q_" {
		t.Errorf("run 3: name %q file %q", c.name, c.file)
	}
	// "--" ends the shared flags, so a one-word run can follow them.
	shared, runs := mustParseCompare(t, "--epochs", "2", "--", "--batchnorm", "")
	if shared.opts.Model.BatchNorm || len(runs) != 2 || !runs[0].c.opts.Model.BatchNorm || runs[1].c.opts.Model.BatchNorm {
		t.Errorf("-- before the runs: shared batchnorm %v, %d runs", shared.opts.Model.BatchNorm, len(runs))
	}
}

func TestCompareNamesRuns(t *testing.T) {
	cases := []struct {
		specs []string
		want  []string
	}{
		{[]string{"", "--batchnorm", "--dropout 0.5", "--latent=16", "--batchnorm=true --latent-dropout=0.2", "--seed 2 --name x"},
			[]string{"base", "batchnorm", "dropout 0.5", "latent 16", "batchnorm latent-dropout 0.2", "x"}},
		{[]string{"", "", "--latent 16", "-latent 16", "--name Base2"},
			[]string{"base", "base 2", "latent 16", "latent 16 2", "Base2"}},
		// A given name keeps its place whatever the order: made names step aside.
		{[]string{"", "--name base --latent 8"}, []string{"base 2", "base"}},
		{[]string{"", "", "--name 'base 2'"}, []string{"base", "base 3", "base 2"}},
		{[]string{"--latent 8", "--name 'latent 8' --seed 3"}, []string{"latent 8 2", "latent 8"}},
		{[]string{"--name 'latent 16'", "--latent 16", "--batchnorm=false"},
			[]string{"latent 16", "latent 16 2", "batchnorm false"}},
	}
	for _, c := range cases {
		_, runs := mustParseCompare(t, c.specs...)
		var got []string
		for _, r := range runs {
			got = append(got, r.name)
		}
		if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", c.want) {
			t.Errorf("%q: names %q, want %q", c.specs, got, c.want)
		}
	}
}

func TestCompareFileNames(t *testing.T) {
	for name, want := range map[string]string{
		"latent 16": "latent-16", "Dropout 0.5": "dropout-0.5", "a/b": "a_b", "..": "_.",
		".hidden": "_hidden", "hidden 64,32": "hidden-64_32", "ü x": "_-x", "base 2": "base-2",
	} {
		if got := safeFileName(name); got != want {
			t.Errorf("safeFileName(%q) = %q, want %q", name, got, want)
		}
	}
	dir := t.TempDir()
	_, runs := mustParseCompare(t, "--checkpoint", dir, "--resume", dir, "--samples", dir, "--latent 16", "--name 'My/Run'")
	for i, want := range []string{"latent-16", "my_run"} {
		if runs[i].file != want {
			t.Errorf("run %d: file %q, want %q", i+1, runs[i].file, want)
		}
	}
}

func TestCompareRefusesRunCounts(t *testing.T) {
	for _, n := range []int{0, 1, 7} {
		args := []string{"compare", "--epochs", "2"}
		for i := 0; i < n; i++ {
			args = append(args, fmt.Sprintf("--seed %d", i+1))
		}
		code, out, stderr := runMain(t, args...)
		if code != ExitUsage || out != "" || strings.Count(stderr, "\n") != 1 ||
			!strings.HasPrefix(stderr, fmt.Sprintf("vaetop compare: %s given; compare takes 2 to 6", plural(n, "run"))) {
			t.Errorf("%d runs: exit %d, stderr %q", n, code, stderr)
		}
	}
}

func TestCompareBadRunNamesItsArgument(t *testing.T) {
	cases := map[string][]string{
		`vaetop compare: run 2 ('--latent x'): invalid value "x" for --latent (see --help)` + "\n":                                                                     {"", "--latent x"},
		`vaetop compare: run 1 ('--name "x'): a quote is not closed (see --help)` + "\n":                                                                               {`--name "x`, ""},
		`vaetop compare: run 1 ('--dropout 1'): --dropout 1 must be in [0, 1) (see --help)` + "\n":                                                                     {"--dropout 1", ""},
		`vaetop compare: run 2 ('--bogus'): unknown flag --bogus (see --help)` + "\n":                                                                                  {"", "--bogus"},
		`vaetop compare: run 1 ('16'): unexpected argument "16" (flags are --name value) (see --help)` + "\n":                                                          {"16", ""},
		`vaetop compare: run 1 ('--name 'a\nb''): --name "a\nb" must be 1 to 64 printable characters (see --help)` + "\n":                                              {"--name 'a\nb'", ""},
		`vaetop compare: invalid value "x" for --epochs (see --help)` + "\n":                                                                                           {"--epochs", "x", "", ""},
		`vaetop compare: runs 1 and 2 are named "Fast" and "fast", one file name (fast): give names that differ in more than case and punctuation (see --help)` + "\n": {"--name Fast", "--name fast"},
		`vaetop compare: --train-limit 256 comes after the runs: flags for every run go before the first run, a run's own inside its quotes (see --help)` + "\n":       {"--epochs", "1", "--epochs 2", "--epochs 3", "--train-limit", "256"},
	}
	for want, args := range cases {
		code, _, stderr := runMain(t, append([]string{"compare"}, args...)...)
		if code != ExitUsage || stderr != want {
			t.Errorf("%q: exit %d, stderr %q, want %q", args, code, stderr, want)
		}
	}
}

func TestCompareRefusesPerRunFlags(t *testing.T) {
	for _, spec := range []string{"--resume x.ckpt", "--samples s.png", "--metrics m.jsonl", "--headless", "--tui",
		"--threads 2", "--data d", "--checkpoint c.ckpt", "--force"} {
		flagName := strings.Fields(spec)[0]
		code, _, stderr := runMain(t, "compare", "", spec)
		want := fmt.Sprintf("vaetop compare: run 2 ('%s'): %s is for all runs: give it before the runs, outside the quotes (see --help)\n", spec, flagName)
		if code != ExitUsage || stderr != want {
			t.Errorf("%q: exit %d, stderr %q", spec, code, stderr)
		}
	}
	code, _, stderr := runMain(t, "compare", "", "--threads 2 --data d")
	if code != ExitUsage || !strings.Contains(stderr, "--data and --threads are for all runs") {
		t.Errorf("two: exit %d, %q", code, stderr)
	}
	code, _, stderr = runMain(t, "compare", "--name", "x", "", "--latent 8")
	if code != ExitUsage || !strings.Contains(stderr, "--name names one run") {
		t.Errorf("shared --name: exit %d, %q", code, stderr)
	}
}

// metricLines reads a metrics file's lines as raw JSON fields.
func metricLines(t *testing.T, path string) []map[string]json.RawMessage {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines []map[string]json.RawMessage
	for _, l := range strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n") {
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%s: line %q: %v", path, l, err)
		}
		lines = append(lines, m)
	}
	return lines
}

// Two runs compared headless: both runs' lines in the one metrics file,
// each with its "run"; each run's losses those of the same flags trained
// alone, bit for bit; epoch lines prefixed; the summary table; a
// checkpoint per run, named by the run.
func TestCompareHeadlessMatchesRunsAlone(t *testing.T) {
	data := dataDir(t, 300, 50)
	tmp := t.TempDir()
	small := []string{"--headless", "--data", data, "--hidden", "32,16", "--batch", "50", "--epochs", "2"}
	metrics := filepath.Join(tmp, "cmp.jsonl")
	ckdir := filepath.Join(tmp, "ck")
	os.Mkdir(ckdir, 0o755)
	args := append(append([]string{"compare"}, small...), "--metrics", metrics, "--checkpoint", ckdir, "--latent 4", "--latent 8 --seed 2")
	// Alone at the thread count each compared run had: the default build's
	// products do not depend on it, but OpenBLAS's (-tags openblas) do.
	each := strconv.Itoa(max(1, runtime.GOMAXPROCS(0)/2))
	code, out, stderr := runMain(t, args...)
	if code != ExitOK {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "vaetop: 2 runs (latent 4, latent 8 seed 2), ") {
		t.Errorf("no start-up line: %q", stderr)
	}
	names := []string{"latent 4", "latent 8 seed 2"}
	alone := [][]string{{"--latent", "4", "--threads", each}, {"--latent", "8", "--seed", "2", "--threads", each}}
	lines := metricLines(t, metrics)
	if len(lines) != 4 {
		t.Fatalf("%d metrics lines, want 4", len(lines))
	}
	for i, name := range names {
		var mine []map[string]json.RawMessage
		for _, l := range lines {
			if string(l["run"]) == fmt.Sprintf("%q", name) {
				mine = append(mine, l)
			}
		}
		single := filepath.Join(tmp, fmt.Sprintf("alone%d.jsonl", i))
		if code, _, stderr := runMain(t, append(append(small, "--metrics", single), alone[i]...)...); code != ExitOK {
			t.Fatalf("alone: exit %d: %s", code, stderr)
		}
		want := metricLines(t, single)
		if len(mine) != len(want) {
			t.Fatalf("%s: %d lines, alone %d", name, len(mine), len(want))
		}
		for e := range want {
			for _, k := range []string{"epoch", "train_loss", "train_bce", "train_kl", "test_loss", "test_bce", "test_kl", "active_units"} {
				if string(mine[e][k]) != string(want[e][k]) {
					t.Errorf("%s epoch %d: %s %s compared, %s alone", name, e+1, k, mine[e][k], want[e][k])
				}
			}
		}
		for e := 1; e <= 2; e++ {
			var loss float64
			json.Unmarshal(want[e-1]["train_loss"], &loss)
			line := fmt.Sprintf("[%s] Epoch [%d/2], Loss: %.4f  BCE: ", name, e, loss)
			if !strings.HasPrefix(out, line) && !strings.Contains(out, "\n"+line) {
				t.Errorf("no line %q in %q", line, out)
			}
		}
		if _, err := trainer.ReadCheckpoint(filepath.Join(ckdir, safeFileName(name)+".ckpt")); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	table := regexp.MustCompile(`(?m)^run +epochs +train loss +test loss +active units +seconds\n` +
		`latent 4 +2/2 +\d+\.\d{4} +\d+\.\d{4} +\d/4 +\d+\.\d\n` +
		`latent 8 seed 2 +2/2 +\d+\.\d{4} +\d+\.\d{4} +\d/8 +\d+\.\d\n\z`)
	if !table.MatchString(out) {
		t.Errorf("no summary table at the end of %q", out)
	}
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.HasPrefix(l, "[latent ") && !strings.HasPrefix(l, "run ") && !strings.HasPrefix(l, "latent ") {
			t.Errorf("stray line %q", l)
		}
	}
	// The checkpoints exist: a second comparison refuses to overwrite them.
	code, _, stderr = runMain(t, append(append([]string{"compare"}, small...), "--checkpoint", ckdir, "--latent 4", "--latent 8 --seed 2")...)
	if code != ExitUsage || !strings.Contains(stderr, "already exists; continue that run with vaetop compare --resume") {
		t.Errorf("again: exit %d, %q", code, stderr)
	}
}

// syncBuffer is a bytes.Buffer for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Ctrl-C stops every run between steps and saves each one's checkpoint.
func TestCompareInterruptSavesEveryRun(t *testing.T) {
	data := dataDir(t, 6000, 50)
	ckdir := t.TempDir()
	// Enough epochs that neither run can finish before the signal, however
	// fast the machine: each must be saved where it was stopped.
	shared, runs := mustParseCompare(t, "--headless", "--data", data, "--hidden", "32,16", "--batch", "5", "--epochs", "1000",
		"--checkpoint", ckdir, "--latent 4", "--latent 8")
	ctx, cancel := context.WithCancelCause(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() {
		code, err := compare(ctx, shared, runs, nil, &stdout, &stderr)
		if err != nil {
			t.Error(err)
		}
		done <- code
	}()
	for start := time.Now(); !strings.Contains(stderr.String(), "[latent 8] model") || !strings.Contains(stderr.String(), "[latent 4] model"); {
		if time.Since(start) > 30*time.Second {
			t.Fatalf("no start: %q", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	cancel(signalError{os.Interrupt})
	code := <-done
	want := fmt.Sprintf("vaetop: interrupted (SIGINT); checkpoints saved to %q, %q\n", filepath.Join(ckdir, "latent-4.ckpt"), filepath.Join(ckdir, "latent-8.ckpt"))
	if code != ExitInterrupt || !strings.HasSuffix(stderr.String(), want) {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	for _, f := range []string{"latent-4.ckpt", "latent-8.ckpt"} {
		ck, err := trainer.ReadCheckpoint(filepath.Join(ckdir, f))
		if err != nil {
			t.Fatal(err)
		}
		if ck.Epoch >= 1000 || ck.Step == 0 {
			t.Errorf("%s: epoch %d step %d, want a save of the run where it was stopped", f, ck.Epoch, ck.Step)
		}
	}
}

// FuzzCompareSpecs feeds compare's parser arbitrary arguments (separated
// by NUL): it never panics, a rejected line is one line of text, and an
// accepted one holds 2 to 6 valid runs with distinct, safe file names.
func FuzzCompareSpecs(f *testing.F) {
	for _, seed := range []string{
		"\x00--batchnorm", "--epochs\x003\x00--latent 16\x00--latent 64", "--latent x\x00", `--name "x` + "\x00",
		"--\x00--batchnorm\x00", "--name 'a b'\x00--name 'A B'", "'\x00\\", "--hidden '8, 4'\x00--lr=1e-3 --clip 1",
		"--metrics m\x00", "--name ..\x00--name .", "--dropout 0.5 # c\x00#", "\x00\x00\x00\x00\x00\x00\x00",
	} {
		f.Add(seed)
	}
	safe := regexp.MustCompile(`^[a-z0-9_-][a-z0-9._-]*$`)
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Split(line, "\x00")
		_, runs, err := parseCompare(args, io.Discard)
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		if err != nil {
			var ue usageError
			if !errors.As(err, &ue) {
				t.Fatalf("%q: error %v is not a usage error", args, err)
			}
			if strings.ContainsAny(err.Error(), "\n\r") || err.Error() == "" {
				t.Fatalf("%q: error %q is not one line", args, err)
			}
			return
		}
		if len(runs) < 2 || len(runs) > 6 {
			t.Fatalf("%q: %d runs accepted", args, len(runs))
		}
		files := map[string]bool{}
		for _, r := range runs {
			if files[r.file] || !safe.MatchString(r.file) || strings.ContainsAny(r.name, "\n\r") {
				t.Fatalf("%q: run %q has file name %q", args, r.name, r.file)
			}
			files[r.file] = true
			if err := r.c.opts.Validate(); err != nil {
				t.Fatalf("%q: accepted, but %v", args, err)
			}
		}
	})
}

// --name labels a single run too, and survives --resume (this process's).
func TestNameLabelsARun(t *testing.T) {
	c, err := parseFlags([]string{"--name", "small"}, io.Discard)
	if err != nil || c.opts.Label != "small" {
		t.Fatalf("--name small: %v, label %q", err, c.opts.Label)
	}
	saved := trainer.Defaults()
	if o := resumeOptions(saved, c); o.Label != "small" {
		t.Errorf("on resume: label %q", o.Label)
	}
	if _, err := parseFlags([]string{"--name", " "}, io.Discard); err == nil {
		t.Error("a blank --name accepted")
	}
}

// A one-word run right after the shared flags reads as a shared flag; the
// error, or a note, says so and how to write it.
func TestCompareOneWordRunIsExplained(t *testing.T) {
	code, _, stderr := runMain(t, "compare", "--headless", "--epochs", "1", "--batchnorm", "--latent 16")
	if code != ExitUsage || !strings.Contains(stderr, "--batchnorm was read as a flag for every run: put -- before the runs") {
		t.Fatalf("exit %d: %q", code, stderr)
	}
	_, _, err := parseCompare([]string{"--epochs", "1", "--latent=8", "--latent 16", "--latent 64"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	shared, _, _ := parseCompare([]string{"--epochs", "1", "--latent=8", "--latent 16", "--latent 64"}, io.Discard)
	if len(shared.notes) != 1 || !strings.Contains(shared.notes[0], "--latent=8 is read as a flag for every run") {
		t.Fatalf("notes %q", shared.notes)
	}
	shared, _, _ = parseCompare([]string{"--epochs", "1", "--", "--batchnorm", "--latent 16"}, io.Discard)
	if len(shared.notes) != 0 {
		t.Fatalf("a note despite --: %q", shared.notes)
	}
	shared, _, _ = parseCompare([]string{"--headless", "--latent 16", "--latent 64"}, io.Discard)
	if len(shared.notes) != 0 {
		t.Fatalf("a note for --headless: %q", shared.notes)
	}
	// A shared-looking flag after the runs is a run of its own, noted.
	shared, runs, err := parseCompare([]string{"--epochs", "1", "--latent 16", "--latent 64", "--train-limit=512"}, io.Discard)
	if err != nil || len(runs) != 3 || len(shared.notes) != 1 || !strings.Contains(shared.notes[0], "--train-limit=512, after the runs, is a run of its own") {
		t.Fatalf("trailing flag: %v, %d runs, notes %q", err, len(runs), shared.notes)
	}
}
