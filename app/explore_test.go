package app

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// vaetop explore refuses bad command lines and files in one line, before
// it needs a terminal or the data.
func TestExploreRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.ckpt")
	if err := os.WriteFile(junk, []byte("not a checkpoint"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.ckpt")
	if err := mkfifo(fifo); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"explore"}, ExitUsage, "which checkpoint?"},
		{"two files", []string{"explore", "a.ckpt", "b.ckpt"}, ExitUsage, `one checkpoint at a time, got "a.ckpt" and "b.ckpt"`},
		{"bad flag", []string{"explore", "--epochs", "3", "a.ckpt"}, ExitUsage, "unknown flag --epochs"},
		{"missing", []string{"explore", filepath.Join(dir, "none.ckpt")}, ExitFailure, "none.ckpt"},
		{"junk", []string{"explore", junk}, ExitFailure, "junk.ckpt"},
		{"fifo", []string{"explore", fifo}, ExitFailure, "pipe.ckpt"},
		{"flag after file", []string{"explore", junk, "--ascii"}, ExitFailure, "junk.ckpt"},
		{"no terminal", []string{"explore", writeTinyCheckpoint(t, dir)}, ExitUsage, "needs a terminal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runGuarded(t, 10*time.Second, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, c.code, stderr)
			}
			if !strings.Contains(stderr, c.want) {
				t.Fatalf("stderr %q does not say %q", stderr, c.want)
			}
			if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 || stdout != "" {
				t.Fatalf("want one line on stderr and nothing on stdout, got %q / %q", stderr, stdout)
			}
		})
	}
}

func TestExploreHelp(t *testing.T) {
	code, stdout, _ := runMain(t, "explore", "--help")
	if code != ExitOK || !strings.Contains(stdout, "usage: vaetop explore") {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	_, help, _ := runMain(t, "--help")
	if !strings.Contains(help, "vaetop explore") || !strings.Contains(help, "e opens the latent explorer") {
		t.Fatalf("--help does not mention the explorer:\n%s", help)
	}
}

func mkfifo(p string) error { return syscall.Mkfifo(p, 0o644) }

// writeTinyCheckpoint trains a tiny model for one epoch and returns its
// checkpoint.
func writeTinyCheckpoint(t *testing.T, dir string) string {
	t.Helper()
	ck := filepath.Join(dir, "tiny.ckpt")
	code, _, stderr := runMain(t, "--headless", "--data", dataDir(t, 100, 20), "--hidden", "16", "--latent", "2",
		"--batch", "50", "--epochs", "1", "--checkpoint", ck)
	if code != ExitOK {
		t.Fatalf("training the checkpoint: exit %d: %s", code, stderr)
	}
	return ck
}
