package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// servedRun is vaetop serve running in the background, with its keys.
type servedRun struct {
	t       *testing.T
	dir     string
	cmd     *exec.Cmd
	stderr  *lockedBuffer
	port    string
	hostKey string
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var portRE = regexp.MustCompile(`ssh -t -p (\d+) `)

// startServe starts vaetop serve on a free loopback port with a control
// key, a watch-only key (both authorized) and waits for it to listen.
func startServe(t *testing.T, bin, dir string) *servedRun {
	t.Helper()
	return startServing(t, bin, dir, "serve", "--epochs", "500", "--train-limit", "3000", "--checkpoint", filepath.Join(dir, "run.ckpt"),
		"--control-keys", filepath.Join(dir, "control"))
}

// startServing starts vaetop with args and the serve flags on a free
// loopback port (host key and authorized keys in dir), and waits for it
// to listen.
func startServing(t *testing.T, bin, dir string, args ...string) *servedRun {
	t.Helper()
	s := &servedRun{t: t, dir: dir, stderr: &lockedBuffer{}, hostKey: filepath.Join(dir, "host_key")}
	s.cmd = exec.Command(bin, append(args, "--host-key", s.hostKey, "--authorized-keys", filepath.Join(dir, "authorized"),
		"--listen", "127.0.0.1:0")...)
	s.cmd.Stderr = s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.cmd.Process.Kill(); s.cmd.Wait() })
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if m := portRE.FindStringSubmatch(s.stderr.String()); m != nil {
			s.port = m[1]
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("vaetop serve did not listen: %s", s.stderr.String())
		}
	}
}

// sshArgs are the client's flags for key (no agent, no known-hosts file).
func (s *servedRun) sshArgs(key string, extra ...string) []string {
	args := []string{"-p", s.port, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
		"-o", "BatchMode=yes", "-o", "IdentityAgent=none"}
	if key != "" {
		args = append(args, "-o", "IdentitiesOnly=yes", "-i", filepath.Join(s.dir, key))
	}
	return append(append(args, extra...), "127.0.0.1")
}

// viewer opens an ssh session with key in a tmux server of its own.
func (s *servedRun) viewer(tmux, key string) *session {
	v := &session{t: s.t, tmux: tmux, sock: fmt.Sprintf("vaetop-ssh-%s-%d-%d", key, os.Getpid(), time.Now().UnixNano())}
	s.t.Cleanup(func() { v.run("kill-server"); os.Remove(v.socketPath()) })
	cmd := "ssh -t " + strings.Join(s.sshArgs(key), " ") + "; sleep 30"
	v.must("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "/bin/sh", "-c", cmd)
	return v
}

func keygen(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", filepath.Join(dir, n)).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v %s", err, out)
		}
	}
}

func catFiles(t *testing.T, dst string, srcs ...string) {
	var b []byte
	for _, s := range srcs {
		p, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, p...)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestServeOverSSH serves a training run on loopback and reaches it with
// the system ssh client, as colleagues would: a control key sees the
// dashboard and pauses the run; a watch-only key's space says so while
// training goes on; unknown keys, passwords and ssh -T are turned away;
// q detaches and the run goes on; SIGTERM saves and exits 143; a restart
// keeps the host key's fingerprint.
func TestServeOverSSH(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not on PATH")
	}
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("ssh is not on PATH (.ci/run installs openssh-client)")
	}
	dir := t.TempDir()
	bin := build(t, dir)
	keygen(t, dir, "ctl", "watch", "stranger")
	catFiles(t, filepath.Join(dir, "authorized"), filepath.Join(dir, "ctl.pub"), filepath.Join(dir, "watch.pub"))
	catFiles(t, filepath.Join(dir, "control"), filepath.Join(dir, "ctl.pub"))
	srv := startServe(t, bin, dir)

	ctl := srv.viewer(tmux, "ctl")
	ctl.waitScreen("the dashboard over ssh", 60*time.Second, contains("▶ running", "viewers 1", "loss / step"))
	ctl.keys("Space")
	ctl.waitScreen("paused", 10*time.Second, contains("|| paused"))
	ctl.keys("Space")
	ctl.waitScreen("running again", 10*time.Second, contains("▶ running"))

	watch := srv.viewer(tmux, "watch")
	watch.waitScreen("a second viewer", 60*time.Second, contains("▶ running", "viewers 2"))
	before := field(stepRE, watch.screen())
	// The note can be replaced at once by an epoch's "saved" note: press
	// again until it is seen.
	seen := false
	for try := 0; try < 10 && !seen; try++ {
		watch.keys("Space")
		for end := time.Now().Add(time.Second); !seen && time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
			seen = strings.Contains(watch.screen(), "watch-only")
		}
	}
	if !seen {
		t.Fatalf("space on a watch-only key said nothing:\n%s", watch.screen())
	}
	watch.waitScreen("training going on", 20*time.Second, func(sc string) bool {
		return strings.Contains(sc, "▶ running") && field(stepRE, sc) != before
	})

	for name, extra := range map[string][]string{
		"an unknown key": srv.sshArgs("stranger", "-t"),
		"a password":     srv.sshArgs("", "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive"),
	} {
		out, err := exec.Command("ssh", append(extra, "true")...).CombinedOutput()
		if err == nil || !strings.Contains(string(out), "Permission denied") {
			t.Errorf("%s was let in: %v %s", name, err, out)
		}
	}
	out, _ := exec.Command("ssh", append(srv.sshArgs("ctl", "-T"), "true")...).CombinedOutput()
	if !strings.Contains(string(out), "connect with ssh -t") {
		t.Errorf("ssh -T got %q", out)
	}

	ctl.keys("q")
	watch.waitScreen("the other viewer gone", 10*time.Second, contains("viewers 1"))
	step := field(stepRE, watch.screen())
	watch.waitScreen("training going on after q", 20*time.Second, func(sc string) bool { return field(stepRE, sc) != step })

	fingerprint := keyFingerprint(t, srv.hostKey)
	srv.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- srv.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("vaetop serve did not exit after SIGTERM")
	}
	if code := srv.cmd.ProcessState.ExitCode(); code != 143 || !strings.Contains(srv.stderr.String(), "terminated (SIGTERM); checkpoint saved to") {
		t.Errorf("exit %d after SIGTERM; stderr:\n%s", code, srv.stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "run.ckpt")); err != nil {
		t.Error(err)
	}
	os.Rename(filepath.Join(dir, "run.ckpt"), filepath.Join(dir, "first.ckpt"))
	again := startServe(t, bin, dir)
	if fp := keyFingerprint(t, again.hostKey); fp != fingerprint {
		t.Errorf("the host key changed across restarts: %s, then %s", fingerprint, fp)
	}
}

func keyFingerprint(t *testing.T, path string) string {
	out, err := exec.Command("ssh-keygen", "-lf", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(out))[1]
}
