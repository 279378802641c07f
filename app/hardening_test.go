package app

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vaetop/vaetop/atomicfile"
)

// treeState maps each file under the dirs to a digest of its type and
// content, so a case can prove it changed nothing.
func treeState(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	state := map[string]string{}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || p == dir {
				return nil
			}
			fi, err := os.Lstat(p)
			if err != nil {
				return nil
			}
			sum := fi.Mode().Type().String()
			if fi.Mode().IsRegular() {
				b, _ := os.ReadFile(p)
				sum += fmt.Sprintf("%x", sha256.Sum256(b))
			}
			state[p] = sum
			return nil
		})
	}
	return state
}

// runGuarded runs Main and fails the test if it panics or does not return
// within the timeout.
func runGuarded(t *testing.T, timeout time.Duration, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
		panicked       any
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			r.panicked = recover()
			done <- r
		}()
		r.code, r.stdout, r.stderr = runMain(t, args...)
	}()
	select {
	case r := <-done:
		if r.panicked != nil {
			t.Fatalf("%q panicked: %v", args, r.panicked)
		}
		return r.code, r.stdout, r.stderr
	case <-time.After(timeout):
		t.Fatalf("%q hung for %v", args, timeout)
	}
	return
}

// TestHardening is one table of what careless users and hostile machines
// do, each class of issue 11 with fixtures made here: every case exits with
// the right code and one line naming the value or file, changes no file it
// must not, and returns within its timeout.
func TestHardening(t *testing.T) {
	data := dataDir(t, 300, 50)
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	small := []string{"--headless", "--data", data, "--hidden", "16", "--latent", "2", "--batch", "100", "--epochs", "1"}
	if code, _, stderr := runMain(t, append(small, "--checkpoint", p("old.ckpt"))...); code != ExitOK {
		t.Fatalf("making the fixture checkpoint: %s", stderr)
	}
	os.WriteFile(p("keep.jsonl"), []byte(`{"kind":"epoch","epoch":1}`+"\n"), 0o644)
	os.Link(p("old.ckpt"), p("hardlink.jsonl"))
	os.Symlink(os.DevNull, p("null.png"))
	os.Symlink("old.ckpt", p("link.ckpt"))
	os.Symlink("/dev/stdout", p("stdout.png"))
	os.Symlink("loop.ckpt", p("loop.ckpt"))
	if err := syscall.Mkfifo(p("fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(p("adir"), 0o755)
	os.WriteFile(p("victim.png"), []byte("not a picture"), 0o644)
	if b, err := os.ReadFile(p("old.ckpt")); err == nil {
		os.WriteFile(p("new\nline.ckpt"), b, 0o644)
	}
	fifoData := dataDir(t, 300, 50)
	os.Remove(filepath.Join(fifoData, "train-labels-idx1-ubyte.gz"))
	syscall.Mkfifo(filepath.Join(fifoData, "train-labels-idx1-ubyte.gz"), 0o644)
	trainImages := filepath.Join(data, "train-images-idx3-ubyte.gz")

	type tc struct {
		name string
		args []string
		code int
		want string // in the one line on stderr
	}
	cases := []tc{
		// 1. Paths that collide.
		{"resume = metrics", []string{"--resume", p("old.ckpt"), "--metrics", p("old.ckpt")}, ExitUsage, "are the same file"},
		{"checkpoint = samples", []string{"--checkpoint", p("z.png"), "--samples", p("z.png")}, ExitUsage, "are the same file"},
		{"checkpoint = metrics, new", []string{"--checkpoint", p("new"), "--metrics", dir + "/./new"}, ExitUsage, "are the same file"},
		{"metrics hard link to resume", []string{"--resume", p("old.ckpt"), "--metrics", p("hardlink.jsonl")}, ExitUsage, "are the same file"},
		{"symlink checkpoint = resume as metrics", []string{"--resume", p("link.ckpt"), "--metrics", p("old.ckpt")}, ExitUsage, "are the same file"},
		{"metrics = a data file", []string{"--metrics", trainImages, "--force"}, ExitUsage, "the data file"},
		{"checkpoint = a data file", []string{"--checkpoint", trainImages, "--force"}, ExitUsage, "the data file"},
		// 2. What is not a regular file.
		{"samples symlink to /dev/null", []string{"--samples", p("null.png")}, ExitUsage, "is a character device, not a regular file"},
		{"checkpoint FIFO", []string{"--checkpoint", p("fifo")}, ExitUsage, "is a named pipe (FIFO), not a regular file"},
		{"checkpoint directory", []string{"--checkpoint", p("adir")}, ExitUsage, "is a directory"},
		{"metrics directory", []string{"--metrics", p("adir")}, ExitUsage, "is a directory"},
		{"checkpoint empty (an unset variable)", []string{"--checkpoint", ""}, ExitUsage, "--checkpoint was given an empty path"},
		{"metrics empty", []string{"--epochs", "1", "--metrics="}, ExitUsage, "--metrics was given an empty path"},
		{"color unknown, no --listen", []string{"--color", "foo"}, ExitUsage, `--color "foo": give auto, truecolor, 256, 16 or none`},
		// 3. A usage error never touches the metrics file.
		{"train-limit beyond the data", []string{"--metrics", p("keep.jsonl"), "--force", "--train-limit", "99999"}, ExitUsage, "--train-limit 99999 exceeds the 300 training images"},
		{"metrics with lines, fresh run", []string{"--metrics", p("keep.jsonl")}, ExitUsage, "--metrics"},
		// 7. A FIFO as a data file.
		{"data file is a FIFO", []string{"--data", fifoData}, ExitFailure, "train-labels-idx1-ubyte.gz"},
		// 12. Smaller items.
		{"samples would replace a non-PNG", []string{"--samples", p("victim.png")}, ExitUsage, "exists and is not a PNG"},
		{"resume with no epochs left", []string{"--resume", p("old.ckpt")}, ExitUsage, "has trained 1 epoch already"},
		{"resume with another seed", []string{"--resume", p("old.ckpt"), "--epochs", "2", "--seed", "9"}, ExitUsage, "--seed 9 differs from the checkpoint's 1"},
		{"samples not png", []string{"--samples", p("s.jpg")}, ExitUsage, `--samples "` + p("s.jpg") + `" must end in .png`},
		{"existing checkpoint not resumed", []string{"--checkpoint", p("old.ckpt")}, ExitUsage, "--resume " + p("old.ckpt") + " --checkpoint " + p("old.ckpt")},
		{"existing checkpoint with a newline in its name", []string{"--checkpoint", p("new\nline.ckpt")}, ExitUsage, `--resume $'`},
		{"checkpoint /dev/stdout", []string{"--checkpoint", "/dev/stdout"}, ExitUsage, "names a file descriptor (/dev/stdout), not a file"},
		{"samples through a link to /dev/stdout", []string{"--samples", p("stdout.png")}, ExitUsage, "names a file descriptor (/dev/stdout)"},
		{"symlink loop", []string{"--checkpoint", p("loop.ckpt")}, ExitFailure, "(a loop?)"},
		{"newline in a path", []string{"--checkpoint", p("no\nsuch/ck")}, ExitFailure, `no\nsuch`},
		{"resume missing", []string{"--resume", p("missing.ckpt")}, ExitFailure, "missing.ckpt"},
		// 7. Reading a checkpoint that is not a file.
		{"resume a FIFO", []string{"--resume", p("fifo")}, ExitFailure, "not a regular file but a named pipe (FIFO)"},
		{"resume /dev/zero", []string{"--resume", "/dev/zero"}, ExitFailure, `checkpoint "/dev/zero": not a regular file but a character device`},
		{"resume a directory", []string{"--resume", p("adir")}, ExitFailure, "not a regular file but a directory"},
	}
	// 4. Every float flag with NaN and the infinities.
	for _, flag := range []string{"--lr", "--beta", "--dropout", "--latent-dropout", "--weight-decay", "--clip"} {
		for _, v := range []string{"NaN", "Inf", "-Inf", "+Inf", "nan"} {
			cases = append(cases, tc{flag + " " + v, []string{flag, v}, ExitUsage, flag + " "})
		}
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := treeState(t, dir, data)
			code, stdout, stderr := runGuarded(t, 20*time.Second, append(append([]string(nil), small...), c.args...)...)
			stderr = dropWarnings(stderr) // the fixture's files are not the official ones
			if code != c.code {
				t.Errorf("exit %d, want %d; stderr %q", code, c.code, stderr)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "vaetop: ") || !strings.Contains(stderr, c.want) {
				t.Errorf("stderr %q, want one 'vaetop:' line containing %q", stderr, c.want)
			}
			if stdout != "" {
				t.Errorf("trained anyway: %q", stdout)
			}
			after := treeState(t, dir, data)
			for f, sum := range before {
				if after[f] != sum {
					t.Errorf("%s changed", f)
				}
			}
			for f := range after {
				if _, ok := before[f]; !ok {
					t.Errorf("%s was created", f)
				}
			}
			t.Logf("exit %d: %s", code, strings.TrimSpace(stderr))
		})
	}

	// What must work: resuming in place, through a symlink, metrics to a
	// character device.
	for _, args := range [][]string{
		{"--resume", p("old.ckpt"), "--checkpoint", p("old.ckpt"), "--epochs", "2"},
		{"--resume", p("link.ckpt"), "--checkpoint", p("link.ckpt"), "--epochs", "3"},
		{"--metrics", os.DevNull},
	} {
		code, _, stderr := runGuarded(t, 30*time.Second, append(append([]string(nil), small...), args...)...)
		if code != ExitOK {
			t.Errorf("%q: exit %d: %s", args, code, stderr)
		}
	}
	// Resuming without --checkpoint trains, but says first that nothing
	// will be saved.
	code, _, stderr := runGuarded(t, 30*time.Second, append(append([]string(nil), small...), "--resume", p("old.ckpt"), "--epochs", "4")...)
	if code != ExitOK || !strings.Contains(stderr, "without --checkpoint: what this run trains will not be saved") {
		t.Errorf("resume without --checkpoint: exit %d, stderr %q", code, stderr)
	}
	if fi, err := os.Lstat(p("link.ckpt")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("resuming through a symlink replaced the link")
	}
	if fi, err := os.Lstat(os.DevNull); err != nil || fi.Mode().IsRegular() {
		t.Errorf("%s was replaced", os.DevNull)
	}
}

// dropWarnings removes the "vaetop: warning:" lines from stderr.
func dropWarnings(stderr string) string {
	var keep []string
	for _, l := range strings.SplitAfter(stderr, "\n") {
		if !strings.HasPrefix(l, "vaetop: warning: ") && l != "" {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}

// Two runs given the same checkpoint: the second is refused before it
// writes anything, while the first holds the lock.
func TestSecondRunOnTheSameFilesIsRefused(t *testing.T) {
	data := dataDir(t, 300, 50)
	dir := t.TempDir()
	ck := filepath.Join(dir, "run.ckpt")
	unlock, err := atomicfile.Lock(ck) // what a running vaetop holds
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	code, out, stderr := runGuarded(t, 20*time.Second, "--headless", "--data", data, "--hidden", "16", "--latent", "2", "--batch", "100", "--epochs", "1", "--checkpoint", ck)
	stderr = dropWarnings(stderr)
	if code != ExitFailure || out != "" || !strings.Contains(stderr, "is being written by another vaetop (PID") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, out %q, err %q", code, out, stderr)
	}
	if _, err := os.Stat(ck); !os.IsNotExist(err) {
		t.Errorf("the refused run wrote %s", ck)
	}
}
