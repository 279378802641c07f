package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// writer appends lines to a file at its own pace, as another trainer
// would, until stopped.
type writer struct {
	path string
	stop chan struct{}
	wg   sync.WaitGroup
}

func startWriter(t *testing.T, path string, every time.Duration, line func(i int) string) *writer {
	w := &writer{path: path, stop: make(chan struct{})}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		for i := 1; ; i++ {
			select {
			case <-w.stop:
				return
			case <-time.After(every):
			}
			f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			if err != nil {
				t.Error(err)
				return
			}
			f.WriteString(line(i))
			f.Close()
		}
	}()
	t.Cleanup(w.halt)
	return w
}

func (w *writer) halt() {
	select {
	case <-w.stop:
	default:
		close(w.stop)
	}
	w.wg.Wait()
}

var watchLossRE = regexp.MustCompile(`loss (\d+(?:\.\d+)?)`)

// watchedLoss is the latest loss the status line shows.
func watchedLoss(sc string) float64 {
	v, _ := strconv.ParseFloat(field(watchLossRE, sc), 64)
	return v
}

// TestWatchFollowsWriterInTmux starts vaetop watch on a file that does not
// exist yet, then a writer appends JSON Lines: the screen waits, then
// shows the series' charts and the newest loss, which keeps growing as the
// writer goes on; a new series gets its chart within a second; / filters;
// q quits with 0.
func TestWatchFollowsWriterInTmux(t *testing.T) {
	s, bin, dir := newSession(t)
	file, exitFile := filepath.Join(dir, "train.jsonl"), filepath.Join(dir, "exit")
	cmdline := fmt.Sprintf("unset CI; '%s' watch '%s' 2>'%s.err'; echo $? >'%s'", bin, file, exitFile, exitFile)
	s.must("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "/bin/sh", "-c", cmdline)
	s.waitScreen("the wait for the file", 10*time.Second, contains("waiting for train.jsonl"))

	var mu sync.Mutex
	extra := false
	w := startWriter(t, file, 20*time.Millisecond, func(i int) string {
		mu.Lock()
		defer mu.Unlock()
		if extra {
			return fmt.Sprintf(`{"step": %d, "loss": %d, "kl": 2.5, "lr_probe": 7}`+"\n", i, 1000+i)
		}
		return fmt.Sprintf(`{"step": %d, "loss": %d, "kl": 2.5, "note": "NaN here"}`+"\n", i, 1000+i)
	})
	sc := s.waitScreen("charts", 10*time.Second, contains("loss", "KL (kl)", "jsonl", "lines"))
	if !hasBraille(sc) {
		t.Fatalf("no chart drawn:\n%s", sc)
	}
	first := watchedLoss(sc)
	s.waitScreen("a newer loss", 5*time.Second, func(sc string) bool { return watchedLoss(sc) > first+10 })

	mu.Lock()
	extra = true
	mu.Unlock()
	began := time.Now()
	s.waitScreen("the new series' chart", 5*time.Second, contains("lr_probe"))
	if d := time.Since(began); d > 1500*time.Millisecond {
		t.Errorf("a new series took %v to show, want about a second at most", d)
	}
	w.halt()

	s.keys("/")
	s.keys("-l", "kl")
	s.keys("Enter")
	sc = s.waitScreen("the filter", 5*time.Second, contains("filter /kl/", "1 chart"))
	if strings.Contains(sc, "lr_probe") {
		t.Errorf("the filter /kl/ still shows lr_probe:\n%s", sc)
	}
	s.keys("q")
	waitExitCode(t, s, exitFile, "0")
}

// waitExitCode waits for the command line's exit code file. Should the
// program not exit within 15 s, it is sent SIGQUIT, and the goroutines'
// stacks that Go prints to its stderr go into the failure.
func waitExitCode(t *testing.T, s *session, exitFile, want string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(exitFile); err == nil && strings.TrimSpace(string(b)) != "" {
			if got := strings.TrimSpace(string(b)); got != want {
				errText, _ := os.ReadFile(exitFile + ".err")
				t.Fatalf("exit %s, want %s; stderr: %s", got, want, errText)
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	screen := s.screen()
	shell := strings.TrimSpace(s.must("list-panes", "-t", "e2e", "-F", "#{pane_pid}"))
	exec.Command("pkill", "-QUIT", "-P", shell, "vaetop").Run()
	time.Sleep(time.Second)
	stacks, _ := os.ReadFile(exitFile + ".err")
	t.Fatalf("no exit within 15 s; screen:\n%s\nstderr after SIGQUIT (last 6000 bytes):\n%s", screen, stacks[max(0, len(stacks)-6000):])
}

// TestWatchLightningRewriteInTmux follows a Lightning-style metrics.csv
// (CRLF, sorted union header, empty cells) that is rewritten whole in place
// with a new column mid-run, as Lightning's CSVLogger does when a new key
// is logged: the new column's chart appears and the old one goes on.
func TestWatchLightningRewriteInTmux(t *testing.T) {
	s, bin, dir := newSession(t)
	file, exitFile := filepath.Join(dir, "metrics.csv"), filepath.Join(dir, "exit")
	rows := []string{"epoch,step,train_loss"}
	for i := 1; i <= 40; i++ {
		rows = append(rows, fmt.Sprintf("0,%d,%d.5", i*10, 500-i))
	}
	write := func() {
		if err := os.WriteFile(file, []byte(strings.Join(rows, "\r\n")+"\r\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write()
	cmdline := fmt.Sprintf("unset CI; '%s' watch '%s' 2>'%s.err'; echo $? >'%s'", bin, file, exitFile, exitFile)
	s.must("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "/bin/sh", "-c", cmdline)
	s.waitScreen("the CSV's chart", 10*time.Second, contains("loss (train_loss)", "lightning", "40 lines", "train_loss 460.5"))

	// A validation key appears: Lightning rewrites the file whole with the
	// new header (the old rows get an empty cell), then appends.
	rows[0] = "epoch,step,train_loss,val_loss"
	for i := 1; i < len(rows); i++ {
		rows[i] += ","
	}
	rows = append(rows, "0,400,,321.5", "1,410,459.5,")
	write()
	s.waitScreen("the new column", 5*time.Second, contains("test loss (val_loss)", "42 lines", "train_loss 459.5"))
	s.keys("v")
	s.waitScreen("train and val paired", 5*time.Second, contains("train+eval paired", "┄ val_loss", "1 chart"))
	// SIGTERM ends the screen with 128+15, as it does every command.
	shell := strings.TrimSpace(s.must("list-panes", "-t", "e2e", "-F", "#{pane_pid}"))
	out, err := exec.Command("pkill", "-TERM", "-P", shell, "vaetop").CombinedOutput()
	if err != nil {
		t.Fatalf("pkill: %v %s", err, out)
	}
	waitExitCode(t, s, exitFile, "143")
}

// TestWatchOverSSH serves vaetop watch with no terminal of its own (served
// only) and reaches it with the system ssh client: the viewer sees the
// file's charts follow a writer, S says the run is watch-only, q detaches
// and the server goes on, and SIGTERM ends it with 143.
func TestWatchOverSSH(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not on PATH")
	}
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("ssh is not on PATH (.ci/run installs openssh-client)")
	}
	dir := t.TempDir()
	bin := build(t, dir)
	keygen(t, dir, "me")
	catFiles(t, filepath.Join(dir, "authorized"), filepath.Join(dir, "me.pub"))
	file := filepath.Join(dir, "train.jsonl")
	startWriter(t, file, 20*time.Millisecond, func(i int) string {
		return fmt.Sprintf(`{"step": %d, "loss": %d, "kl": 1.5}`+"\n", i, 2000+i)
	})
	srv := startServing(t, bin, dir, "watch", file)
	v := srv.viewer(tmux, "me")
	sc := v.waitScreen("the watch screen over ssh", 30*time.Second, contains("vaetop watch", "train.jsonl", "KL (kl)"))
	first := watchedLoss(sc)
	v.waitScreen("a newer loss over ssh", 5*time.Second, func(sc string) bool { return watchedLoss(sc) > first+10 })
	v.keys("S")
	v.waitScreen("watch-only", 5*time.Second, contains("watch-only"))
	v.keys("q")
	time.Sleep(500 * time.Millisecond)
	again := srv.viewer(tmux, "me")
	again.waitScreen("the server still serving", 30*time.Second, contains("vaetop watch", "KL (kl)"))
	srv.cmd.Process.Signal(syscall.SIGTERM)
	err = srv.cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 143 {
		t.Errorf("after SIGTERM: %v, want exit 143; stderr:\n%s", err, srv.stderr.String())
	}
}

// TestWatchDirsInTmux watches two directories, one not made yet: the empty
// list names it; runs appear in both as their files do, each named with its
// directory in front, a symlinked file among them; a deleted run stays
// listed as deleted; q exits 0.
func TestWatchDirsInTmux(t *testing.T) {
	s, bin, dir := newSession(t)
	a, b := filepath.Join(dir, "sweepA"), filepath.Join(dir, "sweepB")
	if err := os.Mkdir(a, 0o755); err != nil {
		t.Fatal(err)
	}
	exitFile := filepath.Join(dir, "exit")
	cmdline := fmt.Sprintf("unset CI; cd '%s' && '%s' watch sweepA sweepB 2>'%s.err'; echo $? >'%s'", dir, bin, exitFile, exitFile)
	s.must("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "/bin/sh", "-c", cmdline)
	s.waitScreen("the wait", 10*time.Second, contains("0 runs", "waiting for sweepB to appear (no such directory yet)"))
	run := func(path string, loss float64) {
		var lines strings.Builder
		for i := 1; i <= 30; i++ {
			fmt.Fprintf(&lines, "{\"step\": %d, \"loss\": %g}\n", i*10, loss+float64(30-i))
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(lines.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(filepath.Join(a, "lr1.jsonl"), 10)
	run(filepath.Join(b, "lr2.jsonl"), 20)
	run(filepath.Join(dir, "elsewhere.jsonl"), 30)
	if err := os.Symlink(filepath.Join(dir, "elsewhere.jsonl"), filepath.Join(a, "linked.jsonl")); err != nil {
		t.Fatal(err)
	}
	s.waitScreen("three runs", 10*time.Second, contains("3 runs", "sweepA/lr1.jsonl", "sweepB/lr2.jsonl", "sweepA/linked.jsonl"))
	if err := os.Remove(filepath.Join(b, "lr2.jsonl")); err != nil {
		t.Fatal(err)
	}
	s.waitScreen("the deleted run", 10*time.Second, contains("3 runs", "1 deleted", "deleted"))
	s.keys("q")
	waitExitCode(t, s, exitFile, "0")
}
