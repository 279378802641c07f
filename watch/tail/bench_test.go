package tail

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unsafe"
)

// BenchmarkPollIdle is a Poll with nothing new. "settled": the file was
// last written an hour ago, so a Poll is one stat. "recent": its time is
// within racyWindow of the Poll (here in the future, to stay so), so each
// Poll also reads the fingerprint again.
func BenchmarkPollIdle(b *testing.B) {
	for _, c := range []struct {
		name string
		mod  time.Duration
	}{{"settled", -time.Hour}, {"recent", time.Hour}} {
		b.Run(c.name, func(b *testing.B) {
			p := filepath.Join(b.TempDir(), "m.jsonl")
			f, err := os.Create(p)
			if err != nil {
				b.Fatal(err)
			}
			w := bufio.NewWriter(f)
			for i := range 1000 {
				fmt.Fprintf(w, `{"step":%d,"loss":0.%06d}`+"\n", i, i*7919%1000000)
			}
			if err := w.Flush(); err != nil {
				b.Fatal(err)
			}
			f.Close()
			mod := time.Now().Add(c.mod)
			if err := os.Chtimes(p, mod, mod); err != nil {
				b.Fatal(err)
			}
			tl := Open(p, Options{})
			defer tl.Close()
			for {
				g := poll(b, tl)
				if !g.More {
					break
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				bt, err := tl.Poll()
				if err != nil || len(bt.Lines) != 0 || bt.Reset {
					b.Fatalf("idle Poll: %d lines, Reset %v, %v", len(bt.Lines), bt.Reset, err)
				}
			}
		})
	}
}

// BenchmarkFollow reads a file of 1,000,000 lines (about 45 MB) from the
// top through repeated Polls with the default Options.
func BenchmarkFollow(b *testing.B) {
	const n = 1000000
	p := filepath.Join(b.TempDir(), "m.jsonl")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := range n {
		fmt.Fprintf(w, `{"step":%7d,"loss":0.%06d,"lr":0.0010}`+"\n", i, i*7919%1000000)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	fi, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	var polls, bufCap, linesCap int
	for b.Loop() {
		tl := Open(p, Options{})
		lines := 0
		for {
			bt, err := tl.Poll()
			if err != nil {
				b.Fatal(err)
			}
			polls++
			lines += len(bt.Lines)
			if !bt.More {
				break
			}
		}
		if lines != n {
			b.Fatalf("%d lines, want %d", lines, n)
		}
		bufCap, linesCap = cap(tl.buf), cap(tl.lines)
		tl.Close()
	}
	b.ReportMetric(float64(polls)/float64(b.N), "polls/op")
	b.ReportMetric(float64(bufCap)/(1<<20), "buf-MiB")
	b.ReportMetric(float64(linesCap*int(unsafe.Sizeof([]byte(nil))))/(1<<20), "lines-MiB")
}
