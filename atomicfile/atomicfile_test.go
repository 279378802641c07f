package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWriteReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	os.WriteFile(p, []byte("old"), 0o644)
	if err := Write(p, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("content %q, want new", b)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
}

func TestFailedWriteKeepsOldAndLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	os.WriteFile(p, []byte("old"), 0o644)
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("disk full")
	})
	if err == nil {
		t.Fatal("error swallowed")
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("content %q after a failed write, want old", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left in the directory, want 1", len(entries))
	}
	if err := Write(filepath.Join(dir, "missing", "f"), func(io.Writer) error { return nil }); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	if err := CheckWritable(filepath.Join(dir, "ck")); err != nil {
		t.Fatalf("writable path: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("CheckWritable left %d files behind", len(left))
	}
	for _, bad := range []string{filepath.Join(dir, "missing", "ck"), dir} {
		if err := CheckWritable(bad); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("CheckWritable(%q) = %v, want an error naming the path", bad, err)
		}
	}
}

func fill(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestWriteFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.ckpt")
	os.WriteFile(target, []byte("old"), 0o600)
	link := filepath.Join(dir, "link.ckpt")
	if err := os.Symlink("real.ckpt", link); err != nil {
		t.Skip(err)
	}
	if err := Write(link, fill("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a regular file")
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target holds %q, want new", b)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
		t.Errorf("target mode %v, want its old 0600", fi.Mode().Perm())
	}
	if err := CheckWritable(link); err != nil {
		t.Errorf("CheckWritable(symlink to a regular file) = %v", err)
	}
}

func TestWriteCreatesADanglingLinksTarget(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "runs"), 0o755)
	link := filepath.Join(dir, "cur.ckpt")
	os.Symlink("runs/run1.ckpt", link)
	if err := CheckWritable(link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, fill("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "runs", "run1.ckpt")); string(b) != "new" {
		t.Errorf("target holds %q", b)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
}

func TestRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	devLink := filepath.Join(dir, "devnull")
	os.Symlink(os.DevNull, devLink)
	dangling := filepath.Join(dir, "dangling")
	os.Symlink(filepath.Join(dir, "missing", "x"), dangling)
	loop := filepath.Join(dir, "loop")
	os.Symlink("loop", loop)
	toStdout := filepath.Join(dir, "out")
	os.Symlink("/dev/stdout", toStdout)
	cases := []struct{ path, want string }{
		{fifo, "is a named pipe (FIFO), not a regular file"},
		{os.DevNull, "is a character device, not a regular file"},
		{devLink, "is a character device, not a regular file"},
		{dir, "is a directory"},
		{dangling, "does not exist"},
		{loop, "symlinks in a row (a loop?)"},
		{"/dev/stdout", "names a file descriptor (/dev/stdout), not a file"},
		{"/proc/self/fd/1", "names a file descriptor (/proc/self/fd/1), not a file"},
		{toStdout, "names a file descriptor (/dev/stdout), not a file"},
	}
	for _, c := range cases {
		done := make(chan [2]error, 1)
		go func() { done <- [2]error{Write(c.path, fill("x")), CheckWritable(c.path)} }()
		select {
		case errs := <-done:
			for i, err := range errs {
				if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) && !strings.Contains(err.Error(), strconv.Quote(c.path)) {
					t.Errorf("%s (call %d) = %v, want %q naming the path", c.path, i, err, c.want)
				}
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: hung", c.path)
		}
	}
	if fi, err := os.Lstat(os.DevNull); err != nil || fi.Mode().IsRegular() {
		t.Fatalf("%s was replaced", os.DevNull)
	}
	if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
	if !errors.Is(CheckWritable(fifo), ErrNotRegular) {
		t.Error("a FIFO's error is not ErrNotRegular")
	}
}

func TestRemoveStaleKeepsLiveWriters(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "run.ckpt")
	// A child that has exited is a PID that no longer exists.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip(err)
	}
	dead := cmd.Process.Pid
	names := map[string]bool{ // name → should survive
		fmt.Sprintf(".run.ckpt.tmp-%d-123", dead):         false,
		fmt.Sprintf(".run.ckpt.tmp-%d-456", os.Getppid()): true, // a live process
		fmt.Sprintf(".run.ckpt.tmp-%d-789", os.Getpid()):  true, // ourselves
		fmt.Sprintf(".other.ckpt.tmp-%d-123", dead):       true, // another file's
		".run.ckpt.tmp123456":                             true, // not our naming
		fmt.Sprintf(".run.ckpt.tmp-%dx-1", dead):          true,
	}
	for n := range names {
		os.WriteFile(filepath.Join(dir, n), []byte("litter"), 0o644)
	}
	removed := RemoveStale(target)
	if len(removed) != 1 {
		t.Errorf("removed %v, want exactly the dead process's file", removed)
	}
	for n, keep := range names {
		_, err := os.Stat(filepath.Join(dir, n))
		if exists := err == nil; exists != keep {
			t.Errorf("%s: exists %v, want %v", n, exists, keep)
		}
	}
}
