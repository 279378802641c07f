package watch

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/watch/format"
)

// viewer gathers what a feed delivers, as a viewer would.
type viewer struct {
	feed   live.Feed
	series map[string][]live.Point // by part/name
	resets int
	last   live.Snapshot
}

func newViewer(f *File) *viewer {
	return &viewer{feed: f.Viewer().Feed, series: map[string][]live.Point{}}
}

// until reads snapshots until ok holds or the time runs out.
func (v *viewer) until(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for !ok() {
		select {
		case <-v.feed.C():
			s, got := v.feed.Next()
			if !got {
				continue
			}
			if s.SeriesReset {
				v.resets++
				v.series = map[string][]live.Point{}
			}
			for _, sp := range s.Series {
				k := sp.Name
				if sp.Part != "" {
					k = sp.Part + "/" + sp.Name
				}
				v.series[k] = append(v.series[k], sp.Points...)
			}
			v.last = s
		case <-deadline:
			t.Fatalf("no %s within 5 s; series %v, file %+v", what, v.series, v.last.File)
		}
	}
}

func startFile(t *testing.T, path string, k format.Kind) (*File, *viewer) {
	t.Helper()
	f := New(path, Options{Format: k, Interval: 10 * time.Millisecond})
	v := newViewer(f)
	ctx, cancel := context.WithCancel(context.Background())
	go f.Run(ctx)
	t.Cleanup(func() { cancel(); <-f.Stopped() })
	return f, v
}

func appendTo(t *testing.T, path, text string) {
	t.Helper()
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	if _, err := fh.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// A file that does not exist yet is waited for; its lines then arrive as
// they are written, a half-written one only once complete, and a
// truncation starts the series over.
func TestFileFollowsWaitsAndRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.jsonl")
	_, v := startFile(t, path, format.Auto)
	v.until(t, "waiting status", func() bool { return v.last.File != nil && !v.last.File.Exists })
	appendTo(t, path, `{"step": 1, "loss": 3.5, "kl": NaN}`+"\n"+`{"step": 2, "lo`)
	v.until(t, "first line", func() bool { return len(v.series["loss"]) == 1 })
	if got := v.last.File; got.Format != "jsonl" || got.Lines != 1 {
		t.Errorf("status %+v, want format jsonl and 1 line", got)
	}
	if kl := v.series["kl"]; len(kl) != 1 || !math.IsNaN(kl[0].V) {
		t.Errorf("kl %v, want one NaN", kl)
	}
	appendTo(t, path, `ss": 2.5}`+"\n")
	v.until(t, "the completed line", func() bool { return len(v.series["loss"]) == 2 })
	if p := v.series["loss"][1]; p != (live.Point{Step: 2, V: 2.5}) {
		t.Errorf("second point %+v", p)
	}
	if err := os.WriteFile(path, []byte("{\"step\": 1, \"loss\": 9}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	v.until(t, "a restart", func() bool { return v.resets > 0 && len(v.series["loss"]) == 1 })
	if v.series["loss"][0].V != 9 || v.last.File.Resets != 1 {
		t.Errorf("after the rewrite: %v, resets %d", v.series["loss"], v.last.File.Resets)
	}
}

// Malformed lines are skipped and counted; the file goes on.
func TestFileSkipsBadLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.jsonl")
	appendTo(t, path, "{\"step\":1,\"loss\":1}\n{\"loss\": oops}\n{\"step\":2,\"loss\":2}\n")
	_, v := startFile(t, path, format.Auto)
	v.until(t, "two points", func() bool { return len(v.series["loss"]) == 2 })
	if f := v.last.File; f.Skipped != 1 || f.Lines != 2 {
		t.Errorf("status %+v, want 2 lines and 1 skipped", f)
	}
}

// vaetop compare's file splits into runs by its run field.
func TestFileSplitsComparisonRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cmp.jsonl")
	var b strings.Builder
	for e := 1; e <= 3; e++ {
		for _, run := range []string{"base", "latent 8"} {
			fmt.Fprintf(&b, `{"kind":"epoch","epoch":%d,"train_loss":%d,"test_loss":null,"run":%q}`+"\n", e, 100-e, run)
		}
	}
	appendTo(t, path, b.String())
	_, v := startFile(t, path, format.Auto)
	v.until(t, "both runs", func() bool {
		return len(v.series["base/train_loss"]) == 3 && len(v.series["latent 8/train_loss"]) == 3
	})
	if tl := v.series["base/test_loss"]; len(tl) != 3 || !math.IsNaN(tl[0].V) {
		t.Errorf("test_loss %v: null is a non-finite value", tl)
	}
	if v.last.File.Format != "vaetop" {
		t.Errorf("format %q, want vaetop", v.last.File.Format)
	}
}

// A Lightning file rewritten whole with a new column mid-run is read again
// from the top, with the new header.
func TestFileLightningHeaderRewrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "metrics.csv")
	appendTo(t, path, "epoch,step,train_loss\r\n0,49,2.5\r\n0,99,2.0\r\n")
	_, v := startFile(t, path, format.Auto)
	v.until(t, "two rows", func() bool { return len(v.series["train_loss"]) == 2 })
	rewritten := "epoch,step,train_loss,val_loss\r\n0,49,2.5,\r\n0,99,2.0,\r\n0,99,,1.8\r\n1,149,1.7,\r\n"
	if err := os.WriteFile(path, []byte(rewritten), 0o644); err != nil {
		t.Fatal(err)
	}
	v.until(t, "the rewrite", func() bool { return len(v.series["val_loss"]) == 1 && len(v.series["train_loss"]) == 3 })
	if v.last.File.Format != "lightning" {
		t.Errorf("format %q", v.last.File.Format)
	}
}

// hfEntries is a trainer_state.json whose log_history holds a train entry
// every 10 steps up to step, and an eval entry every 20.
func hfEntries(step int, done bool) string {
	var b strings.Builder
	b.WriteString("{\n  \"global_step\": " + fmt.Sprint(step) + ",\n  \"log_history\": [")
	sep := "\n"
	for s := 10; s <= step; s += 10 {
		fmt.Fprintf(&b, "%s    {\n      \"epoch\": %g,\n      \"loss\": %g,\n      \"grad_norm\": NaN,\n      \"step\": %d\n    }", sep, float64(s)/40, 3-float64(s)/100, s)
		sep = ",\n"
		if s%20 == 0 {
			fmt.Fprintf(&b, ",\n    {\"epoch\": %g, \"eval_loss\": %g, \"step\": %d}", float64(s)/40, 3.1-float64(s)/100, s)
		}
	}
	if done {
		fmt.Fprintf(&b, ",\n    {\"step\": %d, \"train_loss\": 2.5, \"train_runtime\": 9.5}", step)
	}
	b.WriteString("\n  ]\n}\n")
	return b.String()
}

// A Hugging Face output dir: new checkpoint-N dirs appear as the run
// saves, old ones go; the newest is followed, eval points arrive, and the
// summary entry marks the run finished.
func TestHFDirFollowsNewestCheckpoint(t *testing.T) {
	dir := t.TempDir()
	save := func(step int, done bool) { putState(t, dir, step, hfEntries(step, done)) }
	f := NewHF(dir, Options{Interval: 10 * time.Millisecond})
	v := newViewer(f)
	ctx, cancel := context.WithCancel(context.Background())
	go f.Run(ctx)
	t.Cleanup(func() { cancel(); <-f.Stopped() })
	v.until(t, "waiting", func() bool { return v.last.File != nil && !v.last.File.Exists })
	save(40, false)
	v.until(t, "the first checkpoint", func() bool { return len(v.series["loss"]) == 4 && len(v.series["eval_loss"]) == 2 })
	save(80, false)
	os.RemoveAll(filepath.Join(dir, "checkpoint-40")) // save_total_limit
	v.until(t, "the newer checkpoint", func() bool { return len(v.series["loss"]) == 8 && len(v.series["eval_loss"]) == 4 })
	if v.resets != 0 {
		t.Errorf("a continued history started over %d times", v.resets)
	}
	if got := v.last.File; !strings.HasSuffix(got.Path, "checkpoint-80/"+TrainerStateName) || got.LastStep != 80 || got.LossName != "loss" {
		t.Errorf("status %+v", got)
	}
	save(120, true)
	v.until(t, "the end", func() bool { return v.last.File.Health == "finished" })
	if n := len(v.series["grad_norm"]); n != 12 || !math.IsNaN(v.series["grad_norm"][0].V) {
		t.Errorf("grad_norm: %d points", n)
	}
}

// The loss summary: latest and best, and a diverging loss is flagged.
func TestFileSummaryAndDivergence(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.jsonl")
	var b strings.Builder
	for i := 1; i <= 100; i++ {
		v := 10 / float64(i)
		if i > 50 {
			v = 0.2 * math.Pow(1.1, float64(i-50))
		}
		fmt.Fprintf(&b, "{\"step\": %d, \"val_loss\": 9, \"loss\": %g}\n", i, v)
	}
	appendTo(t, path, b.String())
	_, v := startFile(t, path, format.Auto)
	v.until(t, "all lines", func() bool { return v.last.File != nil && v.last.File.Lines == 100 })
	st := v.last.File
	if st.LossName != "loss" || st.BestLoss != 0.2 || st.LastStep != 100 || st.Diverging != "loss rising" {
		t.Errorf("status %+v", st)
	}
}

// Growth is timed by this machine's clock, not the file's mtime: a file
// on a server whose clock is 90 s behind stays live while it grows.
func TestFileGrowthIgnoresServerClock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "skew.jsonl")
	behind := time.Now().Add(-90 * time.Second)
	appendTo(t, path, "{\"step\": 1, \"loss\": 1}\n")
	os.Chtimes(path, behind, behind)
	_, v := startFile(t, path, format.Auto)
	for i := 2; i <= 5; i++ {
		v.until(t, "a line", func() bool { return v.last.File != nil && v.last.File.Lines == int64(i-1) })
		appendTo(t, path, fmt.Sprintf("{\"step\": %d, \"loss\": 1}\n", i))
		os.Chtimes(path, behind, behind)
	}
	v.until(t, "all lines", func() bool { return v.last.File.Lines == 5 })
	if h := v.last.File.Health; h != "live" {
		t.Errorf("a growing file on a slow-clocked server is %q, want live", h)
	}
}

// A followed file that is deleted shows as deleted, not as waited for,
// and keeps what was read; a file created at the path again is read from
// the top and is no longer deleted.
func TestFileDeletedKeepsWhatWasRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.jsonl")
	appendTo(t, path, `{"step": 1, "loss": 3.5}`+"\n"+`{"step": 2, "loss": 3}`+"\n")
	_, v := startFile(t, path, format.Auto)
	v.until(t, "two lines", func() bool { return len(v.series["loss"]) == 2 })
	if v.last.File.Deleted {
		t.Fatal("deleted before anything happened")
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	v.until(t, "deleted status", func() bool { return v.last.File != nil && v.last.File.Deleted })
	if f := v.last.File; f.Exists || f.Lines != 2 || len(v.series["loss"]) != 2 || v.resets != 0 {
		t.Errorf("after the deletion: %+v, series %v, resets %d", f, v.series["loss"], v.resets)
	}
	appendTo(t, path, `{"step": 1, "loss": 9}`+"\n")
	v.until(t, "the new file", func() bool { return v.last.File.Exists && len(v.series["loss"]) == 1 })
	if f := v.last.File; f.Deleted || v.series["loss"][0].V != 9 {
		t.Errorf("after the new file: %+v, series %v", f, v.series["loss"])
	}
}

// Deleted is a file that existed while followed and is gone: never one
// that was only waited for; it holds while the file stays away and ends
// when it is back.
func TestTakeExistenceDeleted(t *testing.T) {
	f := newFile("x.jsonl", Options{})
	for i, c := range []struct{ exists, deleted bool }{
		{false, false}, {false, false}, {true, false}, {false, true}, {false, true}, {true, false},
	} {
		f.takeExistence(c.exists, nil)
		if f.status.Deleted != c.deleted {
			t.Fatalf("step %d (exists %v): deleted %v, want %v", i, c.exists, f.status.Deleted, c.deleted)
		}
	}
}

// A newest trainer_state.json that does not parse (truncated) is passed
// over for the one before it, and read once it is whole; when none
// parses, the status says which file and why.
func TestHFBadNewestStateFallsBack(t *testing.T) {
	dir := t.TempDir()
	put := func(step int, text string) { putState(t, dir, step, text) }
	put(30, `{"log_hist`)
	put(10, `{"log_history": [{"loss": 1, "st`)
	f := NewHF(dir, Options{Interval: 10 * time.Millisecond})
	v := newViewer(f)
	ctx, cancel := context.WithCancel(context.Background())
	go f.Run(ctx)
	t.Cleanup(func() { cancel(); <-f.Stopped() })
	v.until(t, "the error", func() bool {
		return v.last.File != nil && strings.Contains(v.last.File.Err, "checkpoint-30/"+TrainerStateName)
	})
	put(20, hfEntries(20, false))
	v.until(t, "the older checkpoint", func() bool { return len(v.series["loss"]) == 2 && v.last.File.Err == "" })
	if got := v.last.File.Path; !strings.HasSuffix(got, "checkpoint-20/"+TrainerStateName) {
		t.Errorf("shows %s", got)
	}
	if n := v.last.File.Note; !strings.HasPrefix(n, "checkpoint-30 unreadable, showing checkpoint-20 (") {
		t.Errorf("note %q", n)
	}
	put(30, hfEntries(30, false))
	v.until(t, "the mended newest", func() bool { return len(v.series["loss"]) == 3 && v.last.File.Note == "" })
}

// putState writes text as dir's checkpoint-step/trainer_state.json.
func putState(t *testing.T, dir string, step int, text string) {
	t.Helper()
	ck := filepath.Join(dir, fmt.Sprintf("checkpoint-%d", step))
	if err := os.MkdirAll(ck, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ck, TrainerStateName), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
