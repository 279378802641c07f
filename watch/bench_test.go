package watch

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vaetop/vaetop/watch/format"
)

// writeLines writes n lines of {"step": N, "loss": X, "kl": Y}.
func writeLines(b *testing.B, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(w, "{\"step\": %d, \"loss\": %.6f, \"kl\": %.6f}\n", i, 1/(1+float64(i)/1000), 3+float64(i%7)/10)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
}

// BenchmarkOpenMillionLines is the time from starting to follow a
// 1,000,000-line JSON Lines file until a viewer holds all of it: read,
// parsed, thinned and delivered (the screen's drawing is not included).
func BenchmarkOpenMillionLines(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.jsonl")
	writeLines(b, path, 1_000_000)
	b.ResetTimer()
	for range b.N {
		f := New(path, Options{Format: format.Auto, Interval: 10 * time.Millisecond})
		feed := f.Viewer().Feed
		ctx, cancel := context.WithCancel(context.Background())
		go f.Run(ctx)
		for range feed.C() {
			if s, ok := feed.Next(); ok && s.File != nil && s.File.Lines == 1_000_000 {
				break
			}
		}
		cancel()
		<-f.Stopped()
	}
}
