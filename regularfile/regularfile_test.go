package regularfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	p := func(n string) string { return filepath.Join(dir, n) }
	os.WriteFile(p("file"), []byte("data"), 0o644)
	os.Symlink("file", p("link"))
	if err := syscall.Mkfifo(p("fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink("fifo", p("fifolink"))
	cases := []struct{ path, want string }{
		{p("fifo"), "not a regular file but a named pipe (FIFO)"},
		{p("fifolink"), "not a regular file but a named pipe (FIFO)"},
		{"/dev/zero", "not a regular file but a character device"},
		{dir, "not a regular file but a directory"},
	}
	for _, c := range cases {
		done := make(chan error, 1)
		go func() {
			f, _, err := Open(c.path)
			if f != nil {
				f.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			var nr *NotRegularError
			if !errors.As(err, &nr) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.path) {
				t.Errorf("Open(%s) = %v, want %q naming the path", c.path, err, c.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Open(%s) hung", c.path)
		}
	}
	if _, _, err := Open(p("missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	for _, ok := range []string{p("file"), p("link")} {
		f, st, err := Open(ok)
		if err != nil {
			t.Fatalf("Open(%s): %v", ok, err)
		}
		b, err := io.ReadAll(f)
		f.Close()
		if err != nil || string(b) != "data" || st.Size() != 4 {
			t.Errorf("Open(%s): read %q, %v, size %d", ok, b, err, st.Size())
		}
	}
}
