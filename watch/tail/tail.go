// Package tail follows a growing file like tail -F: each Poll hands out the
// complete lines written since the last one. It is how vaetop watch reads
// another trainer's metrics file (JSONL or CSV) live.
//
// The caller owns the loop and polls (every 250 ms or so): there is no
// inotify, which shared storage such as NFS does not deliver anyway, and no
// goroutine inside. A missing file is waited for, a file that is truncated,
// replaced (renamed over) or rewritten in place is read again from the top
// and the Batch says Reset, and a half-written last line is held back until
// its '\n' arrives.
//
// # Detecting a rewrite in place
//
// A file rewritten whole with the same inode (PyTorch Lightning rewrites
// metrics.csv, new header and all, when a new column appears) may be longer
// than what was read by the time of the next Poll, so its size does not tell.
// Tail therefore keeps a fingerprint of the bytes it has read: the first
// min(offset, 4 KiB) and the last min(offset, 256) before its offset. When
// the size or the modification time differs from the last Poll, both are
// read again with ReadAt (after the new bytes, so that a rewrite racing with
// the read is seen too) and any difference means Reset.
//
// A rewrite that leaves the same size and the same modification time is
// possible where timestamps are coarse (FAT has 2 s, some NFS servers and
// older file systems 1 s). So the stat is trusted to be unchanged only once
// the file's modification time is more than 2 s older than the previous
// Poll (the "racy" rule git uses for its index); until then each Poll reads
// the fingerprint, a few KiB from the page cache. An idle Poll on a file that
// has not been written to for 2 s costs one stat.
//
// Known blind spots: a rewrite that keeps the first 4 KiB and the 256 bytes
// before the offset byte for byte (which then leaves the lines already read
// unchanged except, possibly, in between); a rewrite whose modification time
// was set back to its old value (touch -d, cp -p, rsync -t) with the same
// size; a rewrite with the same size and the same coarse timestamp on a
// server whose clock is more than 2 s behind this machine's. On NFS the size
// seen by stat can lag behind the writer by the attribute cache time
// (acregmin, 3 s by default), and so do the lines.
package tail

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/vaetop/vaetop/regularfile"
)

const (
	defaultMaxLine  = 1 << 20
	defaultMaxBatch = 4 << 20
	// maxOption bounds MaxLine and MaxBatch so that their sum fits in an
	// int anywhere.
	maxOption = 1 << 30
	// minBuf is the first size of the read buffer; it grows by doubling up
	// to MaxLine+MaxBatch only as a file's backlog needs it.
	minBuf = 64 << 10
	// headSize and tailSize are the lengths of the fingerprints: the first
	// bytes of the file, and the last bytes before the offset.
	headSize = 4 << 10
	tailSize = 256
	// racyWindow is how much older than the previous Poll the modification
	// time must be before an unchanged size and time are trusted to mean an
	// unchanged file. It covers timestamps of 1 or 2 s granularity.
	racyWindow = 2 * time.Second
)

// Options tune a Tail; the zero value is the defaults.
type Options struct {
	// MaxLine is the longest line kept, default 1 << 20 (1 MiB); longer
	// lines are skipped and counted in Batch.TooLong, never held in memory
	// whole.
	MaxLine int
	// MaxBatch is the most bytes one Poll reads, default 4 << 20;
	// Batch.More says there is more to read now. One Poll also hands out at
	// most max(MaxBatch/64, 1024) lines, so that the Lines slice stays
	// small next to the buffer even for a file of empty lines.
	MaxBatch int
}

// Batch is what one Poll found.
type Batch struct {
	// Reset: the file was truncated, replaced (a new inode, e.g. written to
	// a temp file and renamed over) or rewritten in place (its first bytes
	// changed): it is read again from the top and Lines start at its first
	// line. Everything read before is void.
	Reset bool
	// Lines are complete lines, oldest first, without the '\n' (a '\r'
	// before it is kept: the parser drops it); valid until the next Poll.
	Lines [][]byte
	// TooLong counts the lines longer than MaxLine skipped since the last
	// Poll.
	TooLong int
	// More: MaxBatch was reached: call Poll again now.
	More bool
	// Exists: the file exists (a missing file is waited for, not an error).
	Exists  bool
	Size    int64
	ModTime time.Time
}

// ErrNotRegular is matched (with errors.Is) by the error for a path that is
// a directory, a named pipe, a device…
var ErrNotRegular = errors.New("not a regular file")

// Error is the error of Poll: it names the path, as in
// "watch run.jsonl: permission denied", and unwraps to the cause (a
// syscall.Errno such as EACCES, which errors.Is matches with
// fs.ErrPermission, or one matching ErrNotRegular).
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return "watch " + showPath(e.Path) + ": " + e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// showPath keeps the error on one line: a path with a control character or
// invalid UTF-8 (or an empty one) is quoted.
func showPath(p string) string {
	if p == "" || !utf8.ValidString(p) {
		return strconv.Quote(p)
	}
	for _, r := range p {
		if !strconv.IsPrint(r) {
			return strconv.Quote(p)
		}
	}
	return p
}

type notRegularError struct{ mode fs.FileMode }

func (e notRegularError) Error() string {
	return "not a regular file (" + regularfile.Kind(e.mode) + ")"
}

func (e notRegularError) Is(target error) bool { return target == ErrNotRegular }

// Tail follows one path. It is not safe for concurrent use: one goroutine
// polls it.
type Tail struct {
	path              string
	maxLine, maxBatch int
	maxLines          int
	closed            bool

	f    *os.File
	id   fileID // identity of f, when idOK
	idOK bool

	// pendingReset: what was handed out is void; the next Batch with the
	// file says Reset. It survives an error or a missing file in between.
	pendingReset bool
	// off is the number of bytes of the file consumed: lines handed out or
	// skipped, and the partial line held.
	off int64
	// held bytes at buf[heldAt:] are the partial last line (file bytes
	// [off-held, off)); skipping instead means that the partial line grew
	// past MaxLine and its bytes were dropped.
	held, heldAt int
	skipping     bool

	// The stat seen at the last Poll, and the time just before it.
	lastSize  int64
	lastMod   time.Time
	checkedAt time.Time

	buf   []byte
	lines [][]byte

	// head holds the file bytes [0, headLen), headLen = min(off, headSize);
	// tail the bytes [off-tailLen, off), tailLen = min(off, tailSize).
	headLen, tailLen int
	head             [headSize]byte
	tail             [tailSize]byte
	scratch          [headSize]byte
}

// Open returns a Tail of path. It never fails; nothing is read until Poll.
func Open(path string, opts Options) *Tail {
	t := &Tail{path: path, maxLine: opts.MaxLine, maxBatch: opts.MaxBatch}
	if t.maxLine <= 0 {
		t.maxLine = defaultMaxLine
	}
	if t.maxBatch <= 0 {
		t.maxBatch = defaultMaxBatch
	}
	t.maxLine = min(t.maxLine, maxOption)
	t.maxBatch = min(t.maxBatch, maxOption)
	t.maxLines = max(t.maxBatch/64, 1024)
	return t
}

// Poll reads what is new since the last call. A missing file gives Exists
// false and no error. An error (permission denied, a directory, a read
// error) is an *Error naming the path in one line, e.g.
// "watch run.jsonl: permission denied"; the caller shows it and keeps
// polling, and a later Poll recovers when the cause goes away. The Batch of
// an error has no lines but says whether the file exists.
func (t *Tail) Poll() (Batch, error) {
	t.lines = t.lines[:0]
	if t.closed {
		return Batch{}, t.error(os.ErrClosed)
	}
	if !keepOpen {
		defer t.closeFile()
	}
	now := time.Now()
	fi, b, done, err := t.look()
	if done {
		return b, err
	}
	size, mod := fi.Size(), fi.ModTime()
	verify := false
	if size < t.off {
		t.rewind() // truncated
	} else if t.off > 0 {
		verify = size != t.lastSize || !mod.Equal(t.lastMod) || !mod.Add(racyWindow).Before(t.checkedAt)
	}
	if size, mod, err = t.readNew(&b, size, mod, verify); err != nil {
		return b, err
	}
	t.lastSize, t.lastMod, t.checkedAt = size, mod, now
	b.Reset, t.pendingReset = t.pendingReset, false
	b.Lines = t.lines
	return b, nil
}

// look stats the path and opens it when needed (the first time, or after
// a replacement). done says Poll returns b and err as they are: the file
// is missing (no error: it is waited for), not regular, or unreadable.
func (t *Tail) look() (fi fs.FileInfo, b Batch, done bool, err error) {
	fi, err = os.Stat(t.path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			// The file is closed so that a deleted file's space is freed;
			// whatever appears at the path later is read from the top.
			t.forget()
			return nil, Batch{}, true, nil
		}
		return nil, Batch{}, true, t.error(err)
	}
	b = Batch{Exists: true, Size: fi.Size(), ModTime: fi.ModTime()}
	if !fi.Mode().IsRegular() {
		t.forget()
		return nil, b, true, t.error(notRegularError{fi.Mode()})
	}
	if t.f != nil && t.idOK {
		if id, ok := idOf(fi); ok && id != t.id {
			t.forget() // replaced: renamed over, or deleted and created again
		}
	}
	if t.f == nil {
		if fi, err = t.open(); err != nil {
			return nil, b, true, err
		}
		b.Size, b.ModTime = fi.Size(), fi.ModTime()
	}
	return fi, b, false, nil
}

// readNew reads what lies past the offset, up to size, into b's lines;
// with verify it first checks the fingerprint, and a file rewritten in
// place is read again from the top with its size now, which it returns.
func (t *Tail) readNew(b *Batch, size int64, mod time.Time, verify bool) (int64, time.Time, error) {
	for {
		off0, held := t.off, t.held
		if held > 0 && t.heldAt > 0 {
			copy(t.buf[:held], t.buf[t.heldAt:t.heldAt+held])
		}
		t.heldAt = 0
		n, more, err := t.readAt(off0, held, size)
		if err != nil {
			return size, mod, err
		}
		if verify {
			same, err := t.verify(off0)
			if err != nil {
				return size, mod, t.error(err)
			}
			if !same {
				// Rewritten in place: read it again from the top, with
				// its size now (it may have changed since the stat).
				t.rewind()
				verify = false
				fi, err := t.f.Stat()
				if err != nil {
					return size, mod, t.error(err)
				}
				size, mod = fi.Size(), fi.ModTime()
				b.Size, b.ModTime = size, mod
				continue
			}
		}
		cut := t.scan(b, held, n, off0)
		b.More = more || cut
		return size, mod, nil
	}
}

// readAt reads at most maxBatch bytes from off0 (up to size) after the
// held partial line; more says there was more than maxBatch to read.
func (t *Tail) readAt(off0 int64, held int, size int64) (n int, more bool, err error) {
	want := max(size-off0, 0)
	if want > int64(t.maxBatch) {
		want, more = int64(t.maxBatch), true
	}
	if want == 0 {
		return 0, more, nil
	}
	t.grow(held + int(want))
	n, err = t.f.ReadAt(t.buf[held:held+int(want)], off0)
	if err != nil && err != io.EOF {
		return n, more, t.error(err)
	}
	if n < int(want) {
		more = false // shrank under us: the next Poll sees it
	}
	return n, more, nil
}

// open opens the path and returns the information of the file opened (which
// may differ from the stat before it, if the path was replaced in between).
// What is not a regular file is refused and closed.
func (t *Tail) open() (fs.FileInfo, error) {
	f, err := os.OpenFile(t.path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, t.error(err)
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		t.forget()
		err = notRegularError{fi.Mode()}
	}
	if err == nil {
		err = setBlocking(f)
	}
	if err != nil {
		f.Close()
		return nil, t.error(err)
	}
	t.f = f
	t.id, t.idOK = idOf(fi)
	return fi, nil
}

// verify tells whether the file still has the fingerprinted bytes: the
// first headLen and the tailLen before off0.
func (t *Tail) verify(off0 int64) (bool, error) {
	same, err := t.readEqual(t.head[:t.headLen], 0)
	if !same || err != nil || off0 <= int64(t.headLen) {
		return same, err
	}
	return t.readEqual(t.tail[:t.tailLen], off0-int64(t.tailLen))
}

func (t *Tail) readEqual(want []byte, at int64) (bool, error) {
	got := t.scratch[:len(want)]
	n, err := t.f.ReadAt(got, at)
	if n < len(got) {
		if err == nil || err == io.EOF {
			return false, nil // shorter now
		}
		return false, err
	}
	return bytes.Equal(got, want), nil
}

// scan cuts buf[:held+n], the held partial line and the n bytes read at
// off0, into lines, and holds back or skips what follows the last '\n'. It
// reports whether it stopped at t.maxLines lines with more in the buffer;
// the rest is then read again by the next Poll.
func (t *Tail) scan(b *Batch, held, n int, off0 int64) (cut bool) {
	data := t.buf[:held+n]
	start := 0
	if t.skipping { // held is 0
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			start = len(data)
		} else {
			b.TooLong++
			t.skipping = false
			start = i + 1
		}
	}
	for !t.skipping {
		i := bytes.IndexByte(data[start:], '\n')
		if i < 0 {
			break
		}
		if len(t.lines) >= t.maxLines {
			cut = true
			break
		}
		if line := data[start : start+i]; len(line) > t.maxLine {
			b.TooLong++
		} else {
			t.lines = append(t.lines, line)
		}
		start += i + 1
	}
	end := off0 + int64(n) // the file offset of the end of data
	rest := len(data) - start
	switch {
	case cut:
		t.off, t.held = max(end-int64(rest), off0), 0
	case t.skipping || rest > t.maxLine:
		t.off, t.held, t.skipping = end, 0, true
	default:
		t.off, t.held, t.heldAt = end, rest, start
	}
	t.remember(t.buf[held:held+int(t.off-off0)], off0)
	return cut
}

// remember adds seg, the file bytes [off0, t.off), to the fingerprints.
func (t *Tail) remember(seg []byte, off0 int64) {
	if off0 < headSize {
		t.headLen = int(off0) + copy(t.head[off0:], seg)
	}
	if len(seg) >= tailSize {
		t.tailLen = copy(t.tail[:], seg[len(seg)-tailSize:])
		return
	}
	keep := min(t.tailLen, tailSize-len(seg))
	copy(t.tail[:keep], t.tail[t.tailLen-keep:t.tailLen])
	t.tailLen = keep + copy(t.tail[keep:], seg)
}

// grow makes buf hold at least need bytes, keeping the held partial line at
// its front. It never exceeds MaxLine+MaxBatch, since need does not.
func (t *Tail) grow(need int) {
	if need <= cap(t.buf) {
		t.buf = t.buf[:cap(t.buf)]
		return
	}
	limit := t.maxLine + t.maxBatch
	nb := make([]byte, max(need, min(2*cap(t.buf), limit), min(minBuf, limit)))
	copy(nb, t.buf[:t.held])
	t.buf = nb
}

// rewind starts reading the same file again from the top; what was handed
// out is void.
func (t *Tail) rewind() {
	if t.off > 0 {
		t.pendingReset = true
	}
	t.off, t.held, t.heldAt, t.skipping = 0, 0, 0, false
	t.headLen, t.tailLen = 0, 0
}

// forget closes the file and drops all that was known of it: whatever is at
// the path next is read from the top.
func (t *Tail) forget() {
	t.closeFile()
	t.rewind()
	t.idOK = false
}

func (t *Tail) closeFile() {
	if t.f != nil {
		t.f.Close()
		t.f = nil
	}
}

// error wraps err, dropping the operation and path of an *fs.PathError for
// the path of the Tail.
func (t *Tail) error(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &Error{Path: t.path, Err: err}
}

// Close closes the file. Poll after Close returns an error.
func (t *Tail) Close() error {
	if t.closed {
		return nil
	}
	t.closed = true
	var err error
	if t.f != nil {
		err = t.f.Close()
		t.f = nil
	}
	t.buf, t.lines = nil, nil
	if err != nil {
		return t.error(err)
	}
	return nil
}
