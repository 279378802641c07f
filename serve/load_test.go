package serve

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vaetop/vaetop/trainer"
)

// loadRound trains the tutorial's model on synthetic data for d with n
// SSH viewers at 120x40 reading every frame, and returns the training
// rate (images a second of wall time) and the bytes a viewer read a second.
func loadRound(t *testing.T, n, fps int, d time.Duration) (imagesPerSec, bytesPerSec float64) {
	dir := t.TempDir()
	o := trainer.Defaults()
	o.Epochs = 1000
	tr, err := trainer.New(o, tinyData(t, 6400))
	if err != nil {
		t.Fatal(err)
	}
	srv, signer := newTestServer(t, dir, tr, Config{FPS: fps})
	ln, _ := srv.Listen()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { srv.Serve(ctx, ln) })
	r := &rig{t: t, addr: ln.Addr().String(), signer: signer}
	var read atomic.Int64
	var clients []io.Closer
	for i := 0; i < n; i++ {
		c, _, out, err := r.dial(signer, 120, 40)
		if err != nil {
			t.Fatal(err)
		}
		clients = append(clients, c)
		go func() {
			buf := make([]byte, 32<<10)
			for {
				k, err := out.Read(buf)
				read.Add(int64(k))
				if err != nil {
					return
				}
			}
		}()
	}
	wg.Go(func() { tr.Run(ctx) })
	time.Sleep(time.Second) // the viewers' first full frames
	sub := tr.Subscribe()
	defer sub.Close()
	first, _ := sub.Next()
	read.Store(0)
	start := time.Now()
	time.Sleep(d)
	last, _ := sub.Next()
	secs := time.Since(start).Seconds()
	bytes := float64(read.Load())
	for _, c := range clients {
		c.Close()
	}
	cancel()
	wg.Wait()
	steps := float64(last.Step - first.Step)
	if n > 0 {
		bytesPerSec = bytes / secs / float64(n)
	}
	return steps * float64(o.Batch) / secs, bytesPerSec
}

// TestViewerLoad measures what SSH viewers cost training, in rounds that
// alternate with no viewers, and the bytes a viewer receives. It runs only
// with VAETOP_LOAD=1 (it takes a few minutes):
//
//	VAETOP_LOAD=1 go test ./serve -run TestViewerLoad -v -timeout 30m
func TestViewerLoad(t *testing.T) {
	if os.Getenv("VAETOP_LOAD") == "" {
		t.Skip("set VAETOP_LOAD=1 to measure the viewers' load")
	}
	const rounds, d = 6, 8 * time.Second
	base := runtime.NumGoroutine()
	for _, n := range []int{5, 20} {
		var ratios []float64
		for i := 0; i < rounds; i++ {
			alone, _ := loadRound(t, 0, 0, d)
			with, bps := loadRound(t, n, 0, d)
			ratios = append(ratios, with/alone)
			t.Logf("%d viewers, round %d: %.0f vs %.0f images/s alone: %.1f%%; %.0f bytes/s a viewer", n, i+1, with, alone, 100*with/alone, bps)
		}
		t.Logf("%d viewers: %v of headless", n, percent(ratios))
	}
	for _, fps := range []int{10, 5} {
		_, bps := loadRound(t, 1, fps, d)
		t.Logf("one viewer at 120x40, --fps %d: %.0f bytes/s", fps, bps)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base+2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("goroutines: %d before, %d after the last viewer left", base, runtime.NumGoroutine())
}

func percent(rs []float64) string {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%.1f%%", 100*r)
	}
	return b.String()
}
