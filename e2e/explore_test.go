package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// region is the text of rows [top, top+rows) below the first line holding
// title, columns [col, col+w) (in runes), as one string.
func region(screen, title string, rows, col, w int) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if !strings.Contains(l, title) {
			continue
		}
		var out []string
		for _, r := range lines[i+1 : min(len(lines), i+1+rows)] {
			rs := []rune(r)
			lo, hi := min(col, len(rs)), min(col+w, len(rs))
			out = append(out, string(rs[lo:hi]))
		}
		return strings.Join(out, "\n")
	}
	return ""
}

// inked reports whether a region of an --ascii capture holds a drawn digit
// (the ramp's darker characters).
func inked(s string) bool { return strings.ContainsAny(s, "#%@*+=") }

// waitChange waits until f(screen) differs from before and shows a digit.
func (s *session) waitChange(what, before string, f func(string) string) string {
	s.t.Helper()
	var now string
	s.waitScreen(what, 10*time.Second, func(sc string) bool {
		now = f(sc)
		return now != before && inked(now)
	})
	return now
}

// traversalDigit is the big decoded digit of the traversal pane (120x40),
// mapDigit the digit decoded at the map's cursor.
func traversalDigit(sc string) string { return region(sc, "traversal", 10, 13, 20) }
func mapDigit(sc string) string       { return region(sc, "PC1", 8, 43, 16) }

// exploreChecks drives an open explorer: a dimension's value moves the
// traversal's digit, the map's cursor moves its digit.
func exploreChecks(t *testing.T, s *session) {
	sc := s.waitScreen("the explorer's decodes", 30*time.Second, func(sc string) bool {
		return contains("latent explorer", "traversal", "interpolation", "of variance", "active units per epoch")(sc) &&
			inked(traversalDigit(sc)) && inked(mapDigit(sc))
	})
	trav, mp := traversalDigit(sc), mapDigit(sc)
	s.keys("Down", "Right", "Right", "Right", "Right", "Right", "Right")
	s.waitChange("the traversal's digit to change", trav, traversalDigit)
	s.keys("Tab", "Tab") // traversal → interpolation → map
	s.waitScreen("the map's focus", 5*time.Second, contains("cursor x"))
	s.keys("Left", "Left", "Left", "Left", "Up", "Up", "Up")
	s.waitChange("the map's digit to change", mp, mapDigit)
}

func newSession(t *testing.T) (*session, string, string) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not on PATH")
	}
	dir := t.TempDir()
	bin := build(t, dir)
	s := &session{t: t, tmux: tmux, sock: fmt.Sprintf("vaetop-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() {
		s.run("kill-server")
		os.Remove(s.socketPath())
	})
	return s, bin, dir
}

// TestExplorerInTmux opens the explorer with e during training, moves a
// dimension and the map's cursor and reads the digits change, then leaves
// with esc (escape-time 0, so tmux passes esc at once) and quits.
func TestExplorerInTmux(t *testing.T) {
	s, bin, dir := newSession(t)
	exitFile := filepath.Join(dir, "exit")
	cmdline := fmt.Sprintf("unset CI; '%s' --ascii --train-limit 20000 --epochs 50 2>/dev/null; echo $? >'%s'", bin, exitFile)
	s.must("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "/bin/sh", "-c", cmdline)
	s.must("set-option", "-g", "escape-time", "0")
	s.waitScreen("training", 60*time.Second, func(sc string) bool {
		return strings.Contains(sc, "▶ running") && field(stepRE, sc) != "" && field(stepRE, sc) != "0"
	})
	s.keys("e")
	exploreChecks(t, s)
	s.keys("Escape")
	s.waitScreen("the dashboard again", 5*time.Second, contains("loss / step", "KL / step"))
	s.keys("q")
	waitExit(t, exitFile, "", 10*time.Second)
}

// TestExploreCheckpointInTmux does the same on vaetop explore FILE.ckpt:
// the explorer alone, esc stays, q quits with status 0.
func TestExploreCheckpointInTmux(t *testing.T) {
	s, bin, dir := newSession(t)
	ck := filepath.Join(dir, "run.ckpt")
	train := exec.Command(bin, "--headless", "--train-limit", "10000", "--epochs", "1", "--checkpoint", ck)
	if out, err := train.CombinedOutput(); err != nil {
		t.Fatalf("training the checkpoint: %v\n%s", err, out)
	}
	exitFile := filepath.Join(dir, "exit")
	cmdline := fmt.Sprintf("unset CI; '%s' explore --ascii '%s' 2>/dev/null; echo $? >'%s'", bin, ck, exitFile)
	s.must("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "/bin/sh", "-c", cmdline)
	s.must("set-option", "-g", "escape-time", "0")
	exploreChecks(t, s)
	s.keys("Escape")
	time.Sleep(300 * time.Millisecond)
	if sc := s.screen(); !strings.Contains(sc, "latent explorer") {
		t.Fatalf("esc left the explorer of a checkpoint:\n%s", sc)
	}
	s.keys("q")
	if code := waitExit(t, exitFile, "", 10*time.Second); strings.TrimSpace(code) != "0" {
		t.Fatalf("exit status %q, want 0", code)
	}
}
