package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sweepDir writes n finished runs' JSON Lines below dir: run i's loss ends
// at about 0.5 + i/100, so the list sorted by loss puts run00 first.
func sweepDir(t *testing.T, dir string, n int) {
	for i := range n {
		var b strings.Builder
		for s := 1; s <= 100; s++ {
			fmt.Fprintf(&b, `{"step": %d, "loss": %.4f, "val_loss": %.4f}`+"\n", s, 0.5+float64(i)/100+5/float64(s), 0.6+float64(i)/100+5/float64(s))
		}
		path := filepath.Join(dir, fmt.Sprintf("sweep/run%02d/metrics.jsonl", i))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-time.Hour) // finished an hour ago
		os.Chtimes(path, old, old)
	}
}

// TestWatchDirInTmux opens a directory of 50 runs, 5 of them still being
// written: the run list shows within a second, live runs among them;
// sorted by loss, the best run comes first; two picked runs overlay on
// the charts; esc returns to the list; a run created later joins it.
func TestWatchDirInTmux(t *testing.T) {
	s, bin, dir := newSession(t)
	runs := filepath.Join(dir, "runs")
	sweepDir(t, runs, 45)
	for i := 45; i < 50; i++ {
		path := filepath.Join(runs, fmt.Sprintf("sweep/run%02d/metrics.jsonl", i))
		os.MkdirAll(filepath.Dir(path), 0o755)
		os.WriteFile(path, []byte(`{"step": 0, "loss": 9}`+"\n"), 0o644)
		startWriter(t, path, 50*time.Millisecond, func(n int) string {
			return fmt.Sprintf(`{"step": %d, "loss": %.4f}`+"\n", n, 3+5/float64(n))
		})
	}
	exitFile := filepath.Join(dir, "exit")
	cmdline := fmt.Sprintf("unset CI; '%s' watch '%s' 2>'%s.err'; echo $? >'%s'", bin, runs, exitFile, exitFile)
	began := time.Now()
	s.must("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "/bin/sh", "-c", cmdline)
	s.waitScreen("the run list", 10*time.Second, contains("50 runs", "sweep/run00", "picked 0/6"))
	t.Logf("the run list of 50 runs showed after %v", time.Since(began))
	s.waitScreen("live and idle runs", 5*time.Second, contains("5 live", "45 idle"))
	s.keys("s", "s", "s", "s") // run, format, state, step, loss
	sc := s.waitScreen("the sort by loss", 5*time.Second, contains("sorted by loss ↑"))
	if i, j := strings.Index(sc, "sweep/run00"), strings.Index(sc, "sweep/run01"); i < 0 || j < 0 || i > j {
		t.Fatalf("run00 (the lowest loss) should lead, then run01:\n%s", sc)
	}
	s.keys("Space", "j", "Space", "Enter")
	sc = s.waitScreen("the overlay", 5*time.Second, contains("● sweep/run00", "● sweep/run01", "loss"))
	if strings.Contains(sc, "run02") || !hasBraille(sc) {
		t.Fatalf("the overlay should draw run00 and run01 only:\n%s", sc)
	}
	s.keys("Escape")
	s.waitScreen("the list again", 5*time.Second, contains("picked 2/6"))
	late := filepath.Join(runs, "late/metrics.jsonl")
	os.MkdirAll(filepath.Dir(late), 0o755)
	os.WriteFile(late, []byte(`{"step": 1, "loss": 9}`+"\n"), 0o644)
	s.waitScreen("the late run", 15*time.Second, contains("51 runs"))
	s.keys("/")
	s.keys("-l", "late")
	s.keys("Enter")
	s.waitScreen("the late run, filtered", 5*time.Second, contains("late", "filter /late/"))
	s.keys("q")
	waitExitCode(t, s, exitFile, "0")
}

// TestWatchHFDirInTmux follows a Hugging Face output dir whose writer adds
// checkpoint-N directories over time (deleting old ones, as
// save_total_limit does): the screen follows the newest, and the eval
// points appear.
func TestWatchHFDirInTmux(t *testing.T) {
	s, bin, dir := newSession(t)
	out := filepath.Join(dir, "out")
	save := func(step int) {
		ck := filepath.Join(out, fmt.Sprintf("checkpoint-%d", step))
		os.MkdirAll(ck, 0o755)
		var b strings.Builder
		b.WriteString("{\n  \"global_step\": " + fmt.Sprint(step) + ",\n  \"log_history\": [\n")
		for st := 10; st <= step; st += 10 {
			if st > 10 {
				b.WriteString(",\n")
			}
			fmt.Fprintf(&b, "    {\n      \"epoch\": %.2f,\n      \"grad_norm\": 1.5,\n      \"learning_rate\": 5e-05,\n      \"loss\": %.4f,\n      \"step\": %d\n    }", float64(st)/100, 2+10/float64(st), st)
			if st%50 == 0 {
				fmt.Fprintf(&b, ",\n    {\n      \"epoch\": %.2f,\n      \"eval_loss\": %.4f,\n      \"eval_runtime\": 1.2,\n      \"step\": %d\n    }", float64(st)/100, 2.5+10/float64(st), st)
			}
		}
		b.WriteString("\n  ]\n}\n")
		os.WriteFile(filepath.Join(ck, "trainer_state.json"), []byte(b.String()), 0o644)
		os.RemoveAll(filepath.Join(out, fmt.Sprintf("checkpoint-%d", step-100)))
	}
	save(40)
	exitFile := filepath.Join(dir, "exit")
	cmdline := fmt.Sprintf("unset CI; '%s' watch '%s' 2>'%s.err'; echo $? >'%s'", bin, out, exitFile, exitFile)
	s.must("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "/bin/sh", "-c", cmdline)
	s.waitScreen("the run's charts", 10*time.Second, contains("hf trainer", "4 lines", "grad norm", "learning_rate"))
	for step := 100; step <= 300; step += 100 {
		save(step)
		s.waitScreen(fmt.Sprintf("checkpoint-%d", step), 10*time.Second,
			contains(fmt.Sprintf("checkpoint-%d", step), fmt.Sprintf("%d lines", step/10+step/50), "test loss (eval_loss)"))
	}
	s.keys("q")
	waitExitCode(t, s, exitFile, "0")
}
