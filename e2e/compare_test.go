package e2e

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// runLine finds the status line of the run called name on the compare
// screen.
func runLine(sc, name string) string {
	re := regexp.MustCompile(`(?m)^.{0,3}` + regexp.QuoteMeta(name) + ` +\S+ (running|paused).*$`)
	return re.FindString(sc)
}

// TestCompareInTmux runs two compared runs at 120x40 and reads the
// compare screen: the legend names both runs, each has its line; n moves
// the focus, space pauses only the focused run, * space pauses both and
// * space again resumes both;
// a resize to 80x24 keeps the screen whole; q quits with status 0.
func TestCompareInTmux(t *testing.T) {
	s, bin, dir := newSession(t)
	exitFile := filepath.Join(dir, "exit")
	cmdline := fmt.Sprintf("unset CI; '%s' compare --train-limit 20000 --epochs 50 '--latent 16' '--latent 64' 2>/dev/null; echo $? >'%s'",
		bin, exitFile)
	s.must("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "/bin/sh", "-c", cmdline)
	sc := s.waitScreen("the compare screen", 60*time.Second, func(sc string) bool {
		return contains("vaetop · compare", "2 runs", "loss / step", "latent 16", "latent 64", "loss / epoch", "test images")(sc) &&
			runLine(sc, "latent 16") != "" && runLine(sc, "latent 64") != "" && hasBraille(sc)
	})
	if !regexp.MustCompile(`loss / step\s+\S+ latent 16\s+\S+ latent 64`).MatchString(sc) {
		t.Errorf("no legend naming both runs:\n%s", sc)
	}
	if !strings.Contains(sc, "focus latent 16") {
		t.Errorf("the first run is not focused:\n%s", sc)
	}
	s.keys("n")
	s.waitScreen("the focus on latent 64", 5*time.Second, contains("focus latent 64"))
	s.keys("Space") // pauses latent 64 only
	sc = s.waitScreen("latent 64 paused", 10*time.Second, func(sc string) bool {
		return strings.Contains(runLine(sc, "latent 64"), "paused")
	})
	if strings.Contains(runLine(sc, "latent 16"), "paused") {
		t.Fatalf("space paused the run without focus too:\n%s", sc)
	}
	s.keys("*", "Space") // one running: * space pauses every run
	s.waitScreen("both runs paused", 10*time.Second, func(sc string) bool {
		return strings.Contains(runLine(sc, "latent 16"), "paused") && strings.Contains(runLine(sc, "latent 64"), "paused")
	})
	s.keys("*", "Space") // all paused: * space resumes every run
	s.waitScreen("both runs running", 10*time.Second, func(sc string) bool {
		return strings.Contains(runLine(sc, "latent 16"), "running") && strings.Contains(runLine(sc, "latent 64"), "running")
	})
	s.must("resize-window", "-t", "e2e", "-x", "80", "-y", "24")
	sc = s.waitScreen("the 80x24 compare screen", 10*time.Second, contains("vaetop · compare", "latent 16", "latent 64", "loss / step"))
	if n := len(strings.Split(strings.TrimRight(sc, "\n"), "\n")); n != 24 {
		t.Errorf("80x24 screen has %d lines", n)
	}
	s.keys("q")
	if code := waitExit(t, exitFile, "", 20*time.Second); code != "0" {
		t.Fatalf("exit status %q, want 0", code)
	}
}
