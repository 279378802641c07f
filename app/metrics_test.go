package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vaetop/vaetop/live"
)

func epochLine(e int) string {
	return fmt.Sprintf(`{"kind":"epoch","epoch":%d,"train_loss":%d}`, e, 100-e)
}

func TestReconciledLinesAgreeWithTheCheckpoint(t *testing.T) {
	history := []live.EpochMetric{{Kind: "epoch", Epoch: 1, TrainLoss: 99}, {Kind: "epoch", Epoch: 2, TrainLoss: 98}}
	cases := []struct {
		name, in      string
		wantEpochs    []int
		dropped, adds int
	}{
		{"in step", epochLine(1) + "\n" + epochLine(2) + "\n", []int{1, 2}, 0, 0},
		{"a line past the checkpoint", epochLine(1) + "\n" + epochLine(2) + "\n" + epochLine(3) + "\n", []int{1, 2}, 1, 0},
		{"the checkpoint's last epoch missing", epochLine(1) + "\n", []int{1, 2}, 0, 1},
		{"empty", "", []int{1, 2}, 0, 2},
		{"a duplicate", epochLine(1) + "\n" + epochLine(1) + "\n" + epochLine(2) + "\n", []int{1, 2}, 1, 0},
		{"a last line cut mid-write", epochLine(1) + "\n" + epochLine(2) + "\n" + `{"kind":"epoch","ep`, []int{1, 2}, 1, 0},
		{"cut, with the epoch missing", epochLine(1) + "\n" + `{"kind":"epo`, []int{1, 2}, 1, 1},
	}
	for _, c := range cases {
		out, dropped, added, err := reconciledLines([]byte(c.in), history)
		if err != nil {
			t.Fatal(err)
		}
		if dropped != c.dropped || added != c.adds {
			t.Errorf("%s: dropped %d added %d, want %d and %d", c.name, dropped, added, c.dropped, c.adds)
		}
		var epochs []int
		for _, l := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
			var m struct{ Epoch int }
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("%s: line %q is not JSON", c.name, l)
			}
			epochs = append(epochs, m.Epoch)
		}
		if fmt.Sprint(epochs) != fmt.Sprint(c.wantEpochs) || !strings.HasSuffix(string(out), "\n") {
			t.Errorf("%s: epochs %v (%q), want %v", c.name, epochs, out, c.wantEpochs)
		}
	}
	// Another run's file is refused, not mended: lines that disagree with
	// the checkpoint, or more than the one epoch a crash can leave past it.
	for name, in := range map[string]string{
		"other losses":     `{"kind":"epoch","epoch":1,"train_loss":545.78}` + "\n",
		"two epochs ahead": epochLine(1) + "\n" + epochLine(2) + "\n" + epochLine(3) + "\n" + epochLine(4) + "\n",
	} {
		var foreign foreignMetrics
		if _, _, _, err := reconciledLines([]byte(in), history); !errors.As(err, &foreign) {
			t.Errorf("%s: %v, want it refused as another run's", name, err)
		}
	}

	// Lines that are not epochs are kept.
	in := `{"kind":"note"}` + "\n" + epochLine(1) + "\n" + epochLine(2) + "\n"
	if out, d, a, _ := reconciledLines([]byte(in), history); string(out) != in || d+a != 0 {
		t.Errorf("other lines: %q", out)
	}
}

func TestReconcileRewritesOnlyWhenNeeded(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.jsonl")
	history := []live.EpochMetric{{Kind: "epoch", Epoch: 1, TrainLoss: 99}}
	os.WriteFile(p, []byte(epochLine(1)+"\n"+epochLine(2)+"\n"), 0o600)
	if d, a, err := reconcileMetrics(p, history, false); err != nil || d != 1 || a != 0 {
		t.Fatalf("dropped %d added %d: %v", d, a, err)
	}
	b, _ := os.ReadFile(p)
	if string(b) != epochLine(1)+"\n" {
		t.Errorf("file %q", b)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the file's own 0600", fi.Mode().Perm())
	}
	before, _ := os.Stat(p)
	time.Sleep(10 * time.Millisecond)
	if d, a, err := reconcileMetrics(p, history, false); err != nil || d+a != 0 {
		t.Fatalf("second pass changed it: %d %d %v", d, a, err)
	}
	if after, _ := os.Stat(p); !after.ModTime().Equal(before.ModTime()) {
		t.Error("an agreeing file was written")
	}

	// Edited in place: a hard link sees the mended file.
	link := p + ".link"
	os.Link(p, link)
	os.WriteFile(p, []byte(epochLine(1)+"\n"+epochLine(2)+"\n"+epochLine(3)+"\n"), 0o600)
	history = append(history, live.EpochMetric{Kind: "epoch", Epoch: 2, TrainLoss: 98})
	if _, _, err := reconcileMetrics(p, history, false); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(link); string(b) != epochLine(1)+"\n"+epochLine(2)+"\n" {
		t.Errorf("the hard link holds %q: the file was replaced, not mended", b)
	}

	// Another run's file: refused (a usage error), or with --force rewritten
	// from the checkpoint.
	os.WriteFile(p, []byte(`{"kind":"epoch","epoch":1,"train_loss":5}`+"\n"), 0o600)
	if _, _, err := reconcileMetrics(p, history, false); !errors.As(err, new(usageError)) {
		t.Errorf("another run's file: %v, want a usage error", err)
	}
	if _, a, err := reconcileMetrics(p, history, true); err != nil || a != 2 {
		t.Errorf("--force: added %d, %v", a, err)
	}
	if b, _ := os.ReadFile(p); bytes.Count(b, []byte("\n")) != 2 || !bytes.Contains(b, []byte(`"train_loss":98`)) {
		t.Errorf("--force left %q", b)
	}

	// A missing file gets the checkpoint's epochs; a file of notes is refused.
	missing := filepath.Join(t.TempDir(), "new.jsonl")
	if _, a, err := reconcileMetrics(missing, history, false); err != nil || a != 2 {
		t.Errorf("missing file: added %d, %v", a, err)
	}
	notes := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notes, []byte("my precious notes\nline2\n"), 0o644)
	if _, _, err := reconcileMetrics(notes, history, false); err == nil || !strings.Contains(err.Error(), "not a metrics file") {
		t.Errorf("notes: %v", err)
	}
	if b, _ := os.ReadFile(notes); string(b) != "my precious notes\nline2\n" {
		t.Errorf("notes changed: %q", b)
	}
}

func TestMetricsFIFOWaitsForAReaderButNotPastASignal(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	var said []string
	go func() { time.Sleep(200 * time.Millisecond); cancel(signalError{syscall.SIGHUP}) }()
	start := time.Now()
	_, err := openMetrics(ctx, newOutput("--metrics", fifo, "", true), false, func(s string) { said = append(said, s) })
	if _, ok := err.(signalError); !ok || time.Since(start) > 2*time.Second {
		t.Fatalf("no reader, then SIGHUP: %v after %v", err, time.Since(start))
	}
	if len(said) != 1 || !strings.Contains(said[0], "waiting for a reader") {
		t.Errorf("said %q", said)
	}

	// With a reader: the lines arrive.
	got := make(chan string, 1)
	go func() {
		time.Sleep(150 * time.Millisecond)
		r, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	f, err := openMetrics(context.Background(), newOutput("--metrics", fifo, "", true), false, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	s := newMetricsSink()
	s.start(f)
	s.Write([]byte("line\n"))
	if err := s.Close(time.Second); err != nil {
		t.Fatal(err)
	}
	if g := <-got; g != "line\n" {
		t.Errorf("reader got %q", g)
	}
}

// A reader that stops reading must not stall training or shutdown.
func TestMetricsSinkNeverBlocksOnAStuckReader(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	syscall.Mkfifo(fifo, 0o644)
	r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close() // never read: the pipe fills after 64 KiB
	f, err := openMetrics(context.Background(), newOutput("--metrics", fifo, "", true), false, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	s := newMetricsSink()
	s.start(f)
	line := []byte(strings.Repeat("x", 1023) + "\n")
	start := time.Now()
	for i := 0; i < 3*sinkBacklog; i++ {
		if _, err := s.Write(line); err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("writes took %v", d)
	}
	err = s.Close(100 * time.Millisecond)
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("close took %v", d)
	}
	if err == nil || !strings.Contains(err.Error(), "the reader stopped reading") {
		t.Errorf("close: %v, want the lost lines reported", err)
	}
}

func TestShellQuoteKeepsOneLine(t *testing.T) {
	cases := map[string]string{
		"run.ckpt":         "run.ckpt",
		"my run.ckpt":      `'my run.ckpt'`,
		"it's.ckpt":        `'it'\''s.ckpt'`,
		"a\nb.ckpt":        `$'a\x0ab.ckpt'`,
		"esc\x1b[31mred":   `$'esc\x1b[31mred'`,
		"q'\n\\":           `$'q\'\x0a\\'`,
		"/tmp/résumé.ckpt": `'/tmp/résumé.ckpt'`,
	}
	for in, want := range cases {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// A failing write is reported at once, once; training is not stopped by it.
func TestMetricsSinkReportsAFailureAtOnceAndGoesOn(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close() // every write now fails with EPIPE
	s := newMetricsSink()
	s.restorable = true
	reported := make(chan error, 4)
	s.onError = func(err error) { reported <- err }
	s.start(w)
	for i := 0; i < 3; i++ {
		if _, err := s.Write([]byte("line\n")); err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
	}
	select {
	case err := <-reported:
		if !strings.Contains(err.Error(), "broken pipe") {
			t.Errorf("reported %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the failure was not reported at once")
	}
	err = s.Close(time.Second)
	if err == nil || !strings.Contains(err.Error(), "3 metrics lines not written (--resume restores them") {
		t.Errorf("close: %v", err)
	}
	if len(reported) != 0 {
		t.Errorf("reported %d more times", len(reported))
	}
}
