package watch

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func labels(d *Dir) []string {
	var out []string
	for _, s := range d.Sources() {
		out = append(out, s.Viewer().Info.Label)
	}
	sort.Strings(out)
	return out
}

// A tree of runs: Lightning's version_N, JSON Lines sweeps, a Hugging Face
// output dir with checkpoints; notes, hidden dirs and data CSVs without a
// header are not runs; a run added later is found by the next scan.
func TestDirFindsRuns(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "lightning_logs/version_0/metrics.csv"), "epoch,step,train_loss\n0,1,2\n")
	write(t, filepath.Join(root, "lightning_logs/version_1/metrics.csv"), "")
	write(t, filepath.Join(root, "sweep/lr0.1.jsonl"), "{\"step\":1,\"loss\":3}\n")
	write(t, filepath.Join(root, "hf/out/checkpoint-10/trainer_state.json"), hfEntries(10, false))
	write(t, filepath.Join(root, "hf/out/checkpoint-10/config.json"), "{}")
	write(t, filepath.Join(root, "notes.txt"), "hello")
	write(t, filepath.Join(root, "data/points.csv"), "just one column\n1\n")
	write(t, filepath.Join(root, ".git/x.jsonl"), "{\"step\":1}\n")
	write(t, filepath.Join(root, "junk/b.jsonl"), "1,2\x00\x01\xff binary")
	d := NewDir(root, Options{Interval: 10 * time.Millisecond})
	d.Scan()
	want := []string{"hf/out", "lightning_logs/version_0", "lightning_logs/version_1", "sweep/lr0.1.jsonl"}
	if got := labels(d); len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
		t.Fatalf("runs %q, want %q", got, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	write(t, filepath.Join(root, "sweep/lr0.2.jsonl"), "{\"step\":1,\"loss\":2}\n")
	d.Scan()
	if d.Len() != 5 {
		t.Errorf("%d runs after a new file, want 5", d.Len())
	}
	cancel()
	<-done
}

// A Hugging Face run saved without checkpoints (trainer.save_state()
// only) is found by its trainer_state.json.
func TestDirFindsBareTrainerState(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "final/trainer_state.json"), hfEntries(20, true))
	d := NewDir(root, Options{})
	d.Scan()
	if got := labels(d); len(got) != 1 || got[0] != "final" {
		t.Errorf("runs %q", got)
	}
}

// Symbolic links are followed: a linked directory of runs (on another
// disk, say) and a linked file are found under the links' names; a run
// reached by two paths is one run; a link back to an ancestor and a
// dangling link end nothing.
func TestDirFollowsSymlinks(t *testing.T) {
	root, elsewhere := t.TempDir(), t.TempDir()
	write(t, filepath.Join(root, "sweep/a.jsonl"), "{\"step\":1,\"loss\":3}\n")
	write(t, filepath.Join(elsewhere, "big/version_0/metrics.csv"), "epoch,step,train_loss\n0,1,2\n")
	write(t, filepath.Join(elsewhere, "single.jsonl"), "{\"step\":1,\"loss\":1}\n")
	for _, l := range [][2]string{
		{filepath.Join(elsewhere, "big"), "disk2"},              // a directory of runs
		{filepath.Join(elsewhere, "single.jsonl"), "one.jsonl"}, // a file
		{filepath.Join(root, "sweep"), "zz_latest"},             // a run found already
		{root, "sweep/loop"},                                    // back to the root
		{filepath.Join(elsewhere, "nothing"), "dangling.jsonl"}, // nowhere
	} {
		if err := os.Symlink(l[0], filepath.Join(root, l[1])); err != nil {
			t.Fatal(err)
		}
	}
	d := NewDir(root, Options{})
	d.Scan()
	d.Scan()
	want := []string{"disk2/version_0", "one.jsonl", "sweep/a.jsonl"}
	checkLabels(t, d, want)
	// The directory given may itself be a link.
	link := filepath.Join(t.TempDir(), "runs")
	if err := os.Symlink(root, link); err != nil {
		t.Fatal(err)
	}
	d = NewDir(link, Options{})
	d.Scan()
	checkLabels(t, d, want)
}

func checkLabels(t *testing.T, d *Dir, want []string) {
	t.Helper()
	got := labels(d)
	if len(got) != len(want) {
		t.Fatalf("runs %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("runs %q, want %q", got, want)
		}
	}
}

// Several roots: each run is named with its root in front; a root given
// twice through a link is walked once.
func TestDirSeveralRoots(t *testing.T) {
	base := t.TempDir()
	a, b := filepath.Join(base, "sweepA"), filepath.Join(base, "sweepB")
	write(t, filepath.Join(a, "lr0.1.jsonl"), "{\"step\":1,\"loss\":3}\n")
	write(t, filepath.Join(b, "lr0.1.jsonl"), "{\"step\":1,\"loss\":2}\n")
	write(t, filepath.Join(b, "lightning_logs/version_0/metrics.csv"), "epoch,step,train_loss\n0,1,2\n")
	if err := os.Symlink(a, filepath.Join(base, "alsoA")); err != nil {
		t.Fatal(err)
	}
	d := NewDirs([]string{a, b, filepath.Join(base, "alsoA")}, Options{})
	d.Scan()
	checkLabels(t, d, []string{
		filepath.ToSlash(filepath.Join(a, "lr0.1.jsonl")),
		filepath.ToSlash(filepath.Join(b, "lightning_logs/version_0")),
		filepath.ToSlash(filepath.Join(b, "lr0.1.jsonl")),
	})
}

// A trainer_state.json names its run: the output dir above its
// checkpoint-N, or its own dir.
func TestHFDirOf(t *testing.T) {
	for path, want := range map[string]string{
		"hf/out/checkpoint-20/trainer_state.json": "hf/out",
		"hf/final/trainer_state.json":             "hf/final",
		"hf/out/checkpoint-x/trainer_state.json":  "hf/out/checkpoint-x",
	} {
		if got, ok := HFDirOf(path); !ok || got != want {
			t.Errorf("HFDirOf(%q) = %q, %v; want %q", path, got, ok, want)
		}
	}
	if _, ok := HFDirOf("hf/out/metrics.jsonl"); ok {
		t.Error("a metrics file is no Hugging Face state")
	}
}

// A trainer_state.json named from inside its checkpoint-N dir still
// names the output dir above.
func TestHFDirOfInsideCheckpoint(t *testing.T) {
	out := t.TempDir()
	ck := filepath.Join(out, "checkpoint-20")
	if err := os.Mkdir(ck, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(ck)
	if got, ok := HFDirOf(TrainerStateName); !ok || got != out {
		t.Errorf("HFDirOf from inside = %q, %v; want %q", got, ok, out)
	}
}

// A root waited for as a directory that appears as a file is that file's
// run; Waiting names the roots not there yet.
func TestDirRootThatIsAFile(t *testing.T) {
	base := t.TempDir()
	later := filepath.Join(base, "later.json")
	d := NewDir(later, Options{})
	d.Scan()
	if d.Len() != 0 || len(d.Waiting()) != 1 || d.Waiting()[0] != later {
		t.Fatalf("before: %d runs, waiting %q", d.Len(), d.Waiting())
	}
	write(t, later, "{\"step\":1,\"loss\":3}\n")
	d.Scan()
	d.Scan()
	checkLabels(t, d, []string{"later.json"})
	if len(d.Waiting()) != 0 {
		t.Errorf("still waiting for %q", d.Waiting())
	}
}
