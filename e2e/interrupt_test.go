package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// dashboardSession starts vaetop's dashboard at 100x30 in a private tmux
// server, with a checkpoint path, and waits until it trains. With exec,
// vaetop replaces the shell and leads the pane's session, as a login
// shell's foreground job would get the hang-up; pidFile then holds its
// PID. Otherwise the shell records its exit status in exitFile, then runs
// the shell command then, if any, in the same terminal.
func dashboardSession(t *testing.T, exec_ bool, extra, then string) (s *session, ck, exitFile, errFile, pidFile string) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not on PATH")
	}
	dir := t.TempDir()
	bin := build(t, dir)
	s = &session{t: t, tmux: tmux, sock: fmt.Sprintf("vaetop-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() {
		s.run("kill-server")
		os.Remove(s.socketPath())
	})
	ck = filepath.Join(dir, "ck.vae")
	exitFile, errFile, pidFile = filepath.Join(dir, "exit"), filepath.Join(dir, "stderr"), filepath.Join(dir, "pid")
	run := fmt.Sprintf("'%s' --train-limit 20000 --epochs 50 --checkpoint '%s' %s 2>'%s'", bin, ck, extra, errFile)
	cmdline := fmt.Sprintf("unset CI; %s; echo $? >'%s.tmp'; %s; mv '%s.tmp' '%s'", run, exitFile, then, exitFile, exitFile)
	if then == "" {
		cmdline = fmt.Sprintf("unset CI; %s; echo $? >'%s'", run, exitFile)
	}
	if exec_ {
		cmdline = fmt.Sprintf("unset CI; echo $$ >'%s'; exec %s", pidFile, run)
	}
	s.must("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", "/bin/sh", "-c", cmdline)
	s.waitScreen("training", 60*time.Second, func(sc string) bool {
		return strings.Contains(sc, "▶ running") && field(stepRE, sc) != "" && field(stepRE, sc) != "0"
	})
	return s, ck, exitFile, errFile, pidFile
}

// waitExit waits for the shell to record vaetop's exit status.
func waitExit(t *testing.T, exitFile, errFile string, d time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		if b, err := os.ReadFile(exitFile); err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b))
		}
		if time.Now().After(deadline) {
			stderr, _ := os.ReadFile(errFile)
			t.Fatalf("vaetop did not exit within %v; stderr:\n%s", d, stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestDashboardSavesOnHangup closes the terminal under a training
// dashboard, as a dropped SSH connection or tmux kill-session does: the
// run saves the epoch in progress and says so. (Its exit status, 129, is
// checked by the headless crash test: a process that leads a closed
// terminal's session has no parent left here to read it.)
func TestDashboardSavesOnHangup(t *testing.T) {
	s, ck, _, errFile, pidFile := dashboardSession(t, true, "", "")
	pid, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	proc := "/proc/" + strings.TrimSpace(string(pid))
	t.Cleanup(func() { // a failed test must not leave it training
		if n, err := strconv.Atoi(strings.TrimSpace(string(pid))); err == nil {
			syscall.Kill(n, syscall.SIGKILL)
		}
	})
	if fi, err := os.Stat(ck); err == nil {
		os.Chtimes(ck, fi.ModTime(), time.Unix(0, 0)) // an epoch's save, from before the hang-up
	}
	hangup := time.Now()
	s.must("kill-session", "-t", "e2e")
	for {
		if _, err := os.Stat(proc); err != nil {
			break
		}
		if time.Since(hangup) > 20*time.Second {
			t.Fatalf("vaetop still runs 20 s after its terminal closed")
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("exited %v after the hang-up", time.Since(hangup).Round(time.Millisecond))
	stderr, _ := os.ReadFile(errFile)
	fi, err := os.Stat(ck)
	if err != nil || fi.ModTime().Before(hangup.Add(-time.Second)) {
		t.Fatalf("no checkpoint written at the hang-up (%v); stderr:\n%s", err, stderr)
	}
	if !strings.Contains(string(stderr), "SIGHUP") || !strings.Contains(string(stderr), "checkpoint saved") {
		t.Errorf("stderr does not say what happened:\n%s", stderr)
	}
}

// TestDashboardCtrlCExits130 presses Ctrl-C in the dashboard: the run
// saves and exits 130, as the README says, where q exits 0.
func TestDashboardCtrlCExits130(t *testing.T) {
	s, ck, exitFile, errFile, _ := dashboardSession(t, false, "", "")
	os.Remove(ck)
	s.keys("C-c")
	code := waitExit(t, exitFile, errFile, 20*time.Second)
	stderr, _ := os.ReadFile(errFile)
	if code != "130" {
		t.Errorf("exit %s after Ctrl-C, want 130; stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(ck); err != nil {
		t.Errorf("no checkpoint after Ctrl-C: %v", err)
	}
	if !strings.Contains(string(stderr), "interrupted") {
		t.Errorf("stderr does not say it was interrupted:\n%s", stderr)
	}
}

// TestDashboardRestoresTerminalMode checks that the terminal is left as it
// was found: vaetop reads keys from a raw-mode file of its own (tui's
// openKeyboard), so restoring the mode is its job, not bubbletea's. The
// keys must also reach it: q quits with status 0.
func TestDashboardRestoresTerminalMode(t *testing.T) {
	dir := t.TempDir()
	before, after := filepath.Join(dir, "before"), filepath.Join(dir, "after")
	s, _, exitFile, errFile, _ := dashboardSession(t, false, "", fmt.Sprintf("stty -a >'%s'", after))
	tty := strings.TrimSpace(s.must("display-message", "-p", "-t", "e2e", "#{pane_tty}"))
	during := readMode(t, s, tty, before)
	s.keys("q")
	if code := waitExit(t, exitFile, errFile, 20*time.Second); code != "0" {
		stderr, _ := os.ReadFile(errFile)
		t.Fatalf("exit %s after q, want 0; stderr:\n%s", code, stderr)
	}
	b, err := os.ReadFile(after)
	if err != nil {
		t.Fatal(err)
	}
	left := " " + strings.Join(strings.Fields(string(b)), " ") + " "
	if !strings.Contains(during, " -icanon ") || !strings.Contains(during, " -echo ") {
		t.Errorf("the terminal was not in raw mode while the dashboard ran: %s", during)
	}
	if !strings.Contains(left, " icanon ") || !strings.Contains(left, " echo ") {
		t.Errorf("the terminal was left without line editing or echo after q: %s", left)
	}
}

// readMode runs stty on the device tty from a second tmux window and
// returns its settings, spaces around each.
func readMode(t *testing.T, s *session, tty, out string) string {
	t.Helper()
	s.must("new-window", "-d", "/bin/sh", "-c", fmt.Sprintf("stty -a <'%s' >'%s.tmp' 2>&1; mv '%s.tmp' '%s'", tty, out, out, out))
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b, err := os.ReadFile(out); err == nil {
			return " " + strings.Join(strings.Fields(string(b)), " ") + " "
		}
		if time.Now().After(deadline) {
			t.Fatalf("stty on %s did not answer", tty)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
