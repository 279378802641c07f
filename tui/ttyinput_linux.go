//go:build linux

package tui

import (
	"errors"
	"io"
	"os"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"
)

// openKeyboard opens the terminal that bubbletea would read keys from (the
// one on standard input, else /dev/tty) as a new, non-blocking file in raw
// mode. Reads from it wait in Go's network poller, holding no thread and
// no P. The returned function restores the terminal's mode and closes the
// file; call it after the program has ended.
//
// Why not bubbletea's own reader: it waits for input in epoll_wait, a
// system call that keeps its P until the runtime's sysmon takes it back,
// 10-20 ms later. While the model trains, its two workers hold both Ps of
// a 2-core machine, so after every key press one worker waited that long
// and each matrix product in the meantime ran on one core. A trace of 3
// epochs with the explorer open and a key every half second (12 s) put
// 0.58 s of the helper worker's waits on such held Ps.
func openKeyboard() (io.Reader, func(), error) {
	path := "/dev/tty"
	if term.IsTerminal(os.Stdin.Fd()) {
		// The very device on standard input, opened anew: a file of
		// our own, so its non-blocking mode touches no other process.
		path = "/proc/self/fd/0"
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	// Fd would put the file back in blocking mode; reach the descriptor
	// through the raw connection instead.
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	var state *term.State
	var rawErr error
	if err := rc.Control(func(fd uintptr) {
		if !term.IsTerminal(fd) {
			rawErr = errors.New("not a terminal")
			return
		}
		state, rawErr = term.MakeRaw(fd)
	}); err != nil {
		rawErr = err
	}
	// A file the poller does not watch would block in read(2) again.
	if rawErr == nil && errors.Is(f.SetReadDeadline(time.Time{}), os.ErrNoDeadline) {
		rawErr = errors.New("the terminal cannot be polled")
	}
	if rawErr != nil {
		if state != nil {
			_ = rc.Control(func(fd uintptr) { _ = term.Restore(fd, state) })
		}
		f.Close()
		return nil, nil, rawErr
	}
	restore := func() {
		_ = rc.Control(func(fd uintptr) { _ = term.Restore(fd, state) })
		f.Close() // ends bubbletea's read loop, still waiting on it
	}
	return keyboard{f}, restore, nil
}

// keyboard hides the file's descriptor from bubbletea, which would
// otherwise wrap it in its epoll reader and set it blocking.
type keyboard struct{ f *os.File }

func (k keyboard) Read(p []byte) (int, error) { return k.f.Read(p) }
