// Package e2e drives the real vaetop binary in a detached tmux session and
// reads the screen back, as a person over SSH would see it.
package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// session is one private tmux server (its own socket, so other tmux
// servers are never touched) running one window.
type session struct {
	t    *testing.T
	tmux string
	sock string
}

func (s *session) run(args ...string) (string, error) {
	cmd := exec.Command(s.tmux, append([]string{"-L", s.sock, "-f", "/dev/null"}, args...)...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// socketPath is where tmux -L puts the server's socket.
func (s *session) socketPath() string {
	dir := os.Getenv("TMUX_TMPDIR")
	if dir == "" {
		dir = "/tmp" // tmux's default, whatever TMPDIR says
	}
	return filepath.Join(dir, fmt.Sprintf("tmux-%d", os.Getuid()), s.sock)
}

func (s *session) must(args ...string) string {
	s.t.Helper()
	out, err := s.run(args...)
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// screen is the visible pane as plain text.
func (s *session) screen() string {
	out, _ := s.run("capture-pane", "-p", "-t", "e2e")
	return out
}

// colours is the visible pane with its escape sequences (the half-block
// digits live in them).
func (s *session) colours() string {
	out, _ := s.run("capture-pane", "-p", "-e", "-t", "e2e")
	return out
}

func (s *session) keys(k ...string) { s.must(append([]string{"send-keys", "-t", "e2e"}, k...)...) }

func (s *session) alive() bool {
	_, err := s.run("has-session", "-t", "e2e")
	return err == nil
}

// waitScreen polls the screen until ok accepts it.
func (s *session) waitScreen(what string, d time.Duration, ok func(string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(d)
	for {
		sc := s.screen()
		if ok(sc) {
			return sc
		}
		if strings.Contains(sc, "Epoch [") {
			s.t.Fatalf("vaetop printed headless epoch lines instead of the dashboard: main.go must set "+
				"app.Dashboard = tui.Run\n%s", sc)
		}
		if time.Now().After(deadline) || !s.alive() {
			s.t.Fatalf("waiting for %s; screen:\n%s", what, sc)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func contains(parts ...string) func(string) bool {
	return func(s string) bool {
		for _, p := range parts {
			if !strings.Contains(s, p) {
				return false
			}
		}
		return true
	}
}

var (
	stepRE = regexp.MustCompile(`step (\d+)`)
	betaRE = regexp.MustCompile(`β (\S+)`)
)

func field(re *regexp.Regexp, screen string) string {
	if m := re.FindStringSubmatch(screen); m != nil {
		return m[1]
	}
	return ""
}

func hasBraille(s string) bool {
	for _, r := range s {
		if r > 0x2800 && r <= 0x28FF {
			return true
		}
	}
	return false
}

// build compiles vaetop into dir.
func build(t *testing.T, dir string) string {
	t.Helper()
	pkg := "github.com/vaetop/vaetop"
	bin := filepath.Join(dir, "vaetop")
	cmd := exec.Command("go", "build", "-o", bin, pkg)
	cmd.Dir = ".." // the module root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// TestDashboardInTmux runs vaetop at 120x40 and checks what a person
// sees: charts, digits and status; pause (the step count stops), β up, new
// samples, a resize to 80x24 (compact layout), and q: a clean exit within
// 2 s that leaves the checkpoint and the --samples PNG.
func TestDashboardInTmux(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not on PATH")
	}
	dir := t.TempDir()
	bin := build(t, dir)
	s := &session{t: t, tmux: tmux, sock: fmt.Sprintf("vaetop-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() {
		s.run("kill-server")
		os.Remove(s.socketPath()) // tmux leaves the socket file behind
	})

	ck, png := filepath.Join(dir, "ck.vae"), filepath.Join(dir, "samples.png")
	exitFile, errFile := filepath.Join(dir, "exit"), filepath.Join(dir, "stderr")
	// CI=true would make vaetop choose plain lines; COLORTERM asks for the
	// half-block digits.
	cmdline := fmt.Sprintf("env -u CI COLORTERM=truecolor '%s' --train-limit 2000 --epochs 50 --checkpoint '%s' --samples '%s' 2>'%s'; echo $? >'%s'",
		bin, ck, png, errFile, exitFile)
	// sh runs it whatever the user's shell is.
	s.must("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "/bin/sh", "-c", cmdline)

	sc := s.waitScreen("the dashboard", 60*time.Second, func(sc string) bool {
		return contains("loss / step", "KL / step", "grad norm per layer", "test │ reconstruction",
			"samples from the prior", "▶ running", "img/s", "ETA")(sc) && hasBraille(sc) && field(stepRE, sc) != "0"
	})
	if !strings.Contains(sc, "▀") && !regexp.MustCompile(`[#%@]{3}`).MatchString(sc) {
		t.Errorf("no digits drawn:\n%s", sc)
	}
	if n := len(strings.Split(strings.TrimRight(sc, "\n"), "\n")); n != 40 {
		t.Errorf("screen has %d lines, want 40", n)
	}

	// Pause: the state says so and the step count stops.
	s.keys("Space")
	sc = s.waitScreen("paused", 10*time.Second, contains("|| paused"))
	time.Sleep(300 * time.Millisecond) // the step in flight and its snapshot
	first := field(stepRE, s.screen())
	time.Sleep(1500 * time.Millisecond)
	if again := field(stepRE, s.screen()); first == "" || again != first {
		t.Errorf("steps moved while paused: %s then %s", first, again)
	}

	// β up: the status shows the new value.
	before := field(betaRE, sc)
	s.keys("B")
	sc = s.waitScreen("β to change", 10*time.Second, func(sc string) bool {
		b := field(betaRE, sc)
		return b != "" && b != before
	})
	t.Logf("β %s → %s", before, field(betaRE, sc))

	// New samples: the sample grid changes (its colours, in half blocks).
	samplesBefore := belowTitle(s.colours(), "samples from the prior")
	s.keys("s")
	s.waitScreen("the new-samples note", 10*time.Second, contains("new samples from the prior"))
	deadline := time.Now().Add(5 * time.Second)
	for belowTitle(s.colours(), "samples from the prior") == samplesBefore {
		if time.Now().After(deadline) {
			t.Fatal("sample grid unchanged after s")
		}
		time.Sleep(100 * time.Millisecond)
	}

	// Resize to 80x24: the compact layout, nothing wider than the screen.
	s.must("resize-window", "-t", "e2e", "-x", "80", "-y", "24")
	sc = s.waitScreen("the compact layout", 10*time.Second, func(sc string) bool {
		return contains("|| paused", "ep ", "loss / step", "KL / step", "test │ reconstruction")(sc) &&
			!strings.Contains(sc, "grad norm per layer")
	})
	lines := strings.Split(strings.TrimRight(sc, "\n"), "\n")
	if len(lines) > 24 {
		t.Errorf("compact screen has %d lines", len(lines))
	}
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("compact line %d is %d wide: %q", i, n, l)
		}
	}

	// Quit: the trainer saves the checkpoint and everything ends in 2 s.
	if err := os.Remove(ck); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	s.keys("q")
	quit := time.Now()
	for s.alive() {
		if time.Since(quit) > 2*time.Second {
			t.Fatalf("still running 2 s after q:\n%s", s.screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("exited %v after q", time.Since(quit).Round(time.Millisecond))
	code, _ := os.ReadFile(exitFile)
	stderr, _ := os.ReadFile(errFile)
	if strings.TrimSpace(string(code)) != "0" {
		t.Errorf("exit status %q; stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(ck); err != nil {
		t.Errorf("no checkpoint after q: %v; stderr:\n%s", err, stderr)
	}
	if _, err := os.Stat(png); err != nil {
		t.Errorf("no --samples PNG after q: %v", err)
	}
}

// belowTitle returns the lines of screen after the one containing title
// (the escape-coded capture of a pane region).
func belowTitle(screen, title string) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if strings.Contains(l, title) {
			return strings.Join(lines[i+1:], "\n")
		}
	}
	return ""
}
