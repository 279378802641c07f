package tail

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// got is a Batch with its lines copied out of the Tail's buffer.
type got struct {
	Reset   bool
	Lines   []string
	TooLong int
	More    bool
	Exists  bool
}

func poll(t testing.TB, tl *Tail) got {
	t.Helper()
	b, err := tl.Poll()
	if err != nil {
		t.Fatalf("Poll: %v", err)
	}
	return copyBatch(b)
}

func copyBatch(b Batch) got {
	g := got{Reset: b.Reset, TooLong: b.TooLong, More: b.More, Exists: b.Exists}
	for _, l := range b.Lines {
		g.Lines = append(g.Lines, string(l))
	}
	return g
}

func expect(t *testing.T, tl *Tail, want got) {
	t.Helper()
	if g := poll(t, tl); !reflect.DeepEqual(g, want) {
		t.Fatalf("Poll = %+v\nwant   %+v", g, want)
	}
}

// lines is an existing file's batch of lines, with no reset.
func lines(l ...string) got { return got{Exists: true, Lines: l} }

func appendTo(t testing.TB, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t testing.TB, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func newTail(t testing.TB, path string, opts Options) *Tail {
	tl := Open(path, opts)
	t.Cleanup(func() { tl.Close() })
	return tl
}

func TestLinesAppendedAcrossPolls(t *testing.T) {
	p := filepath.Join(t.TempDir(), "metrics.jsonl")
	writeFile(t, p, `{"step":1}`+"\n"+`{"step":2}`+"\n")
	tl := newTail(t, p, Options{})
	expect(t, tl, lines(`{"step":1}`, `{"step":2}`))
	expect(t, tl, lines())
	appendTo(t, p, `{"step":3}`+"\n"+`{"st`)
	expect(t, tl, lines(`{"step":3}`))
	expect(t, tl, lines()) // the half line is held back
	appendTo(t, p, `ep":4}`)
	expect(t, tl, lines())
	appendTo(t, p, "\n\n"+`{"step":5}`+"\n")
	expect(t, tl, lines(`{"step":4}`, "", `{"step":5}`))
	expect(t, tl, lines())
}

func TestCRLFKeepsTheCarriageReturn(t *testing.T) {
	p := filepath.Join(t.TempDir(), "metrics.csv")
	writeFile(t, p, "step,loss\r\n1,0.5\r\n2,0.4\r")
	tl := newTail(t, p, Options{})
	expect(t, tl, lines("step,loss\r", "1,0.5\r"))
	appendTo(t, p, "\n")
	expect(t, tl, lines("2,0.4\r"))
}

func TestMissingFileIsWaitedFor(t *testing.T) {
	p := filepath.Join(t.TempDir(), "later.jsonl")
	tl := newTail(t, p, Options{})
	expect(t, tl, got{})
	expect(t, tl, got{})
	writeFile(t, p, "a\nb\n")
	expect(t, tl, lines("a", "b"))

	// Deleted, then created again: waited for, then read from the top.
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	expect(t, tl, got{})
	writeFile(t, p, "c\n")
	expect(t, tl, got{Reset: true, Exists: true, Lines: []string{"c"}})
	expect(t, tl, lines())
}

func TestTruncation(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.csv")
	writeFile(t, p, "step,loss\n1,0.9\n2,0.8\n3,0.7\n")
	tl := newTail(t, p, Options{})
	expect(t, tl, lines("step,loss", "1,0.9", "2,0.8", "3,0.7"))

	// Emptied, seen empty, then written again shorter.
	if err := os.Truncate(p, 0); err != nil {
		t.Fatal(err)
	}
	expect(t, tl, got{Reset: true, Exists: true})
	appendTo(t, p, "step,loss\n1,1.0\n")
	expect(t, tl, lines("step,loss", "1,1.0"))

	// Emptied and written again shorter between two polls.
	writeFile(t, p, "x\n")
	expect(t, tl, got{Reset: true, Exists: true, Lines: []string{"x"}})
	expect(t, tl, lines())
}

func TestReplacementByRename(t *testing.T) {
	if !keepOpen {
		t.Skip("no inode to tell a file with the same first bytes apart")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "m.jsonl")
	old := "a\nb\n"
	writeFile(t, p, old)
	tl := newTail(t, p, Options{})
	expect(t, tl, lines("a", "b"))

	// The new file starts with the same bytes and is longer, so only its
	// inode tells it apart.
	tmp := filepath.Join(dir, "m.jsonl.tmp")
	writeFile(t, tmp, old+"c\n")
	fi, _ := os.Stat(p)
	mod := fi.ModTime()
	if err := os.Chtimes(tmp, mod, mod); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	expect(t, tl, got{Reset: true, Exists: true, Lines: []string{"a", "b", "c"}})
	appendTo(t, p, "d\n")
	expect(t, tl, lines("d"))
}

// rewrite writes s over path in place with os.WriteFile and checks that
// the inode stayed the same.
func rewrite(t *testing.T, path, s string) {
	t.Helper()
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, s)
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Fatal("os.WriteFile made a new file")
	}
}

func TestRewriteInPlace(t *testing.T) {
	rows := func(from, to int, cols string) string {
		var sb strings.Builder
		for i := from; i <= to; i++ {
			fmt.Fprintf(&sb, "%d,0.%d%s\n", i, 1000-i, cols)
		}
		return sb.String()
	}
	t.Run("new header, longer", func(t *testing.T) {
		// PyTorch Lightning: a new column makes it write the whole file again.
		p := filepath.Join(t.TempDir(), "metrics.csv")
		writeFile(t, p, "step,loss\n"+rows(1, 3, ""))
		tl := newTail(t, p, Options{})
		expect(t, tl, lines("step,loss", "1,0.999", "2,0.998", "3,0.997"))
		rewrite(t, p, "step,loss,acc\n"+rows(1, 5, ",0.5"))
		expect(t, tl, got{Reset: true, Exists: true, Lines: []string{
			"step,loss,acc", "1,0.999,0.5", "2,0.998,0.5", "3,0.997,0.5", "4,0.996,0.5", "5,0.995,0.5"}})
		appendTo(t, p, "6,0.994,0.6\n")
		expect(t, tl, lines("6,0.994,0.6"))
	})
	t.Run("same start, past the offset", func(t *testing.T) {
		// A run started again writes the same header and first rows, and
		// the file is already longer than what was read: only the bytes
		// before the offset differ.
		p := filepath.Join(t.TempDir(), "metrics.csv")
		first := "step,loss\n" + rows(1, 1000, "")
		writeFile(t, p, first)
		tl := newTail(t, p, Options{})
		if g := poll(t, tl); len(g.Lines) != 1001 || g.Reset {
			t.Fatalf("first Poll: %d lines, Reset %v", len(g.Lines), g.Reset)
		}
		again := "step,loss\n" + rows(1, 600, "") + rows(601, 1500, ",again")
		if again[:headSize] != first[:headSize] || len(again) <= len(first) {
			t.Fatal("the new file should start as the old and be longer")
		}
		rewrite(t, p, again)
		g := poll(t, tl)
		if !g.Reset || strings.Join(g.Lines, "\n")+"\n" != again {
			t.Fatalf("after the rewrite: Reset %v, %d lines", g.Reset, len(g.Lines))
		}
	})
	t.Run("same size and time, a recent file", func(t *testing.T) {
		// With coarse timestamps a rewrite can keep the size and the time;
		// a file written in the last seconds is checked at every Poll.
		p := filepath.Join(t.TempDir(), "metrics.csv")
		writeFile(t, p, "step,loss\n1,0.5\n")
		fi, _ := os.Stat(p)
		tl := newTail(t, p, Options{})
		expect(t, tl, lines("step,loss", "1,0.5"))
		expect(t, tl, lines())
		rewrite(t, p, "step,lost\n1,0.6\n")
		if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
			t.Fatal(err)
		}
		expect(t, tl, got{Reset: true, Exists: true, Lines: []string{"step,lost", "1,0.6"}})
	})
	t.Run("shrunk then grown between polls", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "m.jsonl")
		writeFile(t, p, `{"a":1}`+"\n"+`{"a":2}`+"\n")
		tl := newTail(t, p, Options{})
		expect(t, tl, lines(`{"a":1}`, `{"a":2}`))
		rewrite(t, p, "")
		appendTo(t, p, `{"b":1}`+"\n"+`{"b":2}`+"\n"+`{"b":3}`+"\n")
		expect(t, tl, got{Reset: true, Exists: true, Lines: []string{`{"b":1}`, `{"b":2}`, `{"b":3}`}})
	})
}

func TestLongLinesAreSkipped(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.jsonl")
	opts := Options{MaxLine: 1 << 20, MaxBatch: 4 << 20}
	tl := newTail(t, p, opts)
	big := strings.Repeat("x", 5<<20)
	writeFile(t, p, "before\n"+big)
	var all got
	for {
		g := poll(t, tl)
		all.Lines = append(all.Lines, g.Lines...)
		all.TooLong += g.TooLong
		if !g.More {
			break
		}
	}
	if !reflect.DeepEqual(all, got{Lines: []string{"before"}}) {
		t.Fatalf("first half: %+v", all)
	}
	appendTo(t, p, big+"\nafter\nand more\n")
	for {
		g := poll(t, tl)
		all.Lines = append(all.Lines, g.Lines...)
		all.TooLong += g.TooLong
		if !g.More {
			break
		}
	}
	if !reflect.DeepEqual(all, got{Lines: []string{"before", "after", "and more"}, TooLong: 1}) {
		t.Fatalf("the 10 MB line: %+v", all)
	}
	if c, limit := cap(tl.buf), opts.MaxLine+opts.MaxBatch; c > limit {
		t.Errorf("buffer of %d bytes, more than MaxLine+MaxBatch = %d", c, limit)
	}

	// Written at once.
	tl = newTail(t, p, opts)
	writeFile(t, p, "a\n"+big+big+"\nb\n")
	all = got{}
	for {
		g := poll(t, tl)
		all.Lines = append(all.Lines, g.Lines...)
		all.TooLong += g.TooLong
		if !g.More {
			break
		}
	}
	if !reflect.DeepEqual(all, got{Lines: []string{"a", "b"}, TooLong: 1}) {
		t.Fatalf("written at once: %+v", all)
	}
	if c, limit := cap(tl.buf), opts.MaxLine+opts.MaxBatch; c > limit {
		t.Errorf("buffer of %d bytes, more than MaxLine+MaxBatch = %d", c, limit)
	}
}

func TestLongPartialLineIsDropped(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.jsonl")
	writeFile(t, p, "ok\n0123456789")
	tl := newTail(t, p, Options{MaxLine: 10})
	expect(t, tl, lines("ok"))
	if tl.held != 10 {
		t.Fatalf("holding %d bytes, want the 10 of the partial line", tl.held)
	}
	appendTo(t, p, "abc")
	expect(t, tl, lines())
	if tl.held != 0 || !tl.skipping {
		t.Fatalf("a partial line of 13 bytes: holding %d bytes, skipping %v", tl.held, tl.skipping)
	}
	appendTo(t, p, "def\n0123456789\n")
	expect(t, tl, got{Exists: true, TooLong: 1, Lines: []string{"0123456789"}})

	// Complete lines one byte too long: whole in one read, and made of a
	// held partial line and its end.
	appendTo(t, p, "0123456789a\nshort\n01234567")
	expect(t, tl, got{Exists: true, TooLong: 1, Lines: []string{"short"}})
	appendTo(t, p, "89a\n\n")
	expect(t, tl, got{Exists: true, TooLong: 1, Lines: []string{""}})
}

func TestMaxBatch(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.jsonl")
	var sb strings.Builder
	const n = 20000
	for i := range n {
		fmt.Fprintf(&sb, `{"step":%d}`+"\n", i)
	}
	writeFile(t, p, sb.String())
	for _, opts := range []Options{
		{MaxBatch: 1000},
		{MaxBatch: 1 << 16}, // at most 1024 lines a Poll
		{MaxBatch: 7, MaxLine: 100},
	} {
		tl := newTail(t, p, opts)
		var lines []string
		polls := 0
		for {
			g := poll(t, tl)
			polls++
			if len(g.Lines) > max(opts.MaxBatch/64, 1024) {
				t.Fatalf("%+v: %d lines in a Poll", opts, len(g.Lines))
			}
			lines = append(lines, g.Lines...)
			if !g.More {
				break
			}
			if len(lines) > n {
				t.Fatalf("%+v: too many lines", opts)
			}
		}
		if strings.Join(lines, "\n")+"\n" != sb.String() {
			t.Fatalf("%+v: %d lines, not the file's", opts, len(lines))
		}
		if minPolls := max(sb.Len()/opts.MaxBatch, n/1024); polls < minPolls {
			t.Errorf("%+v: %d polls, want at least %d", opts, polls, minPolls)
		}
		if c := cap(tl.buf); c > opts.MaxBatch+max(opts.MaxLine, defaultMaxLine) {
			t.Errorf("%+v: buffer of %d bytes", opts, c)
		}
		if g := poll(t, tl); len(g.Lines) != 0 || g.More {
			t.Errorf("%+v: after the end: %+v", opts, g)
		}
	}
}

// pollSoon polls in a goroutine and fails if Poll does not return.
func pollSoon(t *testing.T, tl *Tail) (Batch, error) {
	t.Helper()
	type result struct {
		b   Batch
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := tl.Poll()
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		return r.b, r.err
	case <-time.After(10 * time.Second):
		t.Fatal("Poll hung")
	}
	panic("unreachable")
}

func TestNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "run.jsonl")
	check := func(what string) {
		t.Helper()
		tl := newTail(t, p, Options{})
		for range 2 {
			_, err := pollSoon(t, tl)
			if err == nil || !errors.Is(err, ErrNotRegular) || err.Error() != "watch "+p+": not a regular file ("+what+")" {
				t.Fatalf("Poll of %s: %v", what, err)
			}
		}
	}

	if err := os.Mkdir(p, 0o755); err != nil {
		t.Fatal(err)
	}
	check("a directory")
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}

	if err := mkfifo(p); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	check("a named pipe (FIFO)")

	// A FIFO put in the place of the file being followed, then a file
	// again.
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, "a\n")
	tl := newTail(t, p, Options{})
	expect(t, tl, lines("a"))
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(p); err != nil {
		t.Fatal(err)
	}
	if _, err := pollSoon(t, tl); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("Poll of a FIFO: %v", err)
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, "b\n")
	expect(t, tl, got{Reset: true, Exists: true, Lines: []string{"b"}})
}

func TestPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	if runtime.GOOS == "windows" {
		t.Skip("no read permission bits on Windows")
	}
	p := filepath.Join(t.TempDir(), "run.jsonl")
	writeFile(t, p, "a\n")
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	tl := newTail(t, p, Options{})
	for range 2 {
		b, err := tl.Poll()
		if err == nil || !errors.Is(err, fs.ErrPermission) || err.Error() != "watch "+p+": permission denied" {
			t.Fatalf("Poll of an unreadable file: %v", err)
		}
		if !b.Exists || len(b.Lines) != 0 {
			t.Fatalf("Poll of an unreadable file: %+v", b)
		}
	}
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	expect(t, tl, lines("a"))
}

func TestErrorNamesThePathOnOneLine(t *testing.T) {
	denied := errors.New("permission denied")
	err := &Error{Path: "run\n.jsonl", Err: denied}
	if s := err.Error(); s != `watch "run\n.jsonl": permission denied` {
		t.Errorf("Error() = %q", s)
	}
	err = &Error{Path: "my run.jsonl", Err: denied}
	if s := err.Error(); s != `watch my run.jsonl: permission denied` {
		t.Errorf("Error() = %q", s)
	}
}

func TestPollAfterClose(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.jsonl")
	writeFile(t, p, "a\n")
	tl := Open(p, Options{})
	expect(t, tl, lines("a"))
	if err := tl.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := tl.Poll(); !errors.Is(err, os.ErrClosed) {
		t.Fatalf("Poll after Close: %v", err)
	}
	if err := tl.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

// An idle Poll, and a Poll of a few new lines, allocate only in os.Stat.
func TestSteadyStateAllocations(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.jsonl")
	writeFile(t, p, "start\n")
	tl := newTail(t, p, Options{})
	expect(t, tl, lines("start"))
	idle := testing.AllocsPerRun(100, func() { tl.Poll() })

	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row := []byte(`{"step":1,"loss":0.25}` + "\n" + `{"step":2,"loss":0.24}` + "\n")
	n := 0
	busy := testing.AllocsPerRun(100, func() {
		f.Write(row)
		b, _ := tl.Poll()
		n += len(b.Lines)
	})
	if n != 2*101 {
		t.Fatalf("%d lines", n)
	}
	if busy > idle {
		t.Errorf("a Poll of 2 new lines allocates %v times, an idle one %v", busy, idle)
	}
	t.Logf("allocations: idle Poll %v, Poll of 2 lines %v", idle, busy)
}
