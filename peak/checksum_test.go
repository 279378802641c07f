package peak

import (
	"testing"
	"time"
)

// The FMA loops add x² per lane per FMA; with x = 0.5 the sums are exact.
func TestFMAChecksum(t *testing.T) {
	for _, k := range fmaKernels() {
		for _, iters := range []int{0, 1, 1000} {
			want := float64(iters*fmaPerIter*k.lanes()) * 0.25
			if got := k.run(iters, 0.5); got != want {
				t.Errorf("%d-bit, %d iters: checksum %v, want %v", k.width, iters, got, want)
			}
		}
		if got := k.run(100, 0); got != 0 {
			t.Errorf("%d-bit, x=0: checksum %v", k.width, got)
		}
	}
}

func TestAddChainChecksum(t *testing.T) {
	if !haveAddChain {
		t.Skip("no add chain in this build")
	}
	for _, c := range [][2]int{{0, 1}, {1, 1}, {1000, 3}} {
		if got, want := addChain(c[0], uint64(c[1])), uint64(c[0]*chainLen*c[1]); got != want {
			t.Errorf("addChain(%d, %d) = %d, want %d", c[0], c[1], got, want)
		}
	}
}

// TestPassChecksum runs small passes (n not a multiple of 16 or of the
// block) and checks what was read and that the updates kept their values.
func TestPassChecksum(t *testing.T) {
	const n, reps = 3*block + 37, 3
	for _, c := range []struct{ streams, arrays, written int }{
		{1, 1, 0}, {2, 2, 0}, {3, 2, 1}, {7, 4, 3}, {14, 8, 6},
	} {
		p := newPass(n, c.streams)
		if len(p.arrays) != c.arrays || p.written != c.written {
			t.Fatalf("streams %d: %d arrays, %d written; want %d, %d", c.streams, len(p.arrays), p.written, c.arrays, c.written)
		}
		for threads := 1; threads <= 3; threads++ {
			best, sum := p.time(threads, reps, filled(1000))
			if want := float64(reps * n * (c.arrays - c.written)); sum != want || best <= 0 {
				t.Errorf("streams %d threads %d: checksum %v want %v, time %v", c.streams, threads, sum, want, best)
			}
		}
		for i, a := range p.arrays {
			for j, f := range a {
				if f != 1 {
					t.Fatalf("streams %d: array %d [%d] = %v after passes", c.streams, i, j, f)
				}
			}
		}
	}
}

func TestStreamKernels(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 64, 1000} {
		s := make([]float32, n)
		want := float32(0)
		for i := range s {
			s[i] = float32(i % 7)
			want += s[i]
		}
		if got := sum(s); got != want {
			t.Errorf("sum of %d: %v, want %v", n, got, want)
		}
		axpb(s, 2, 1)
		for i, f := range s {
			if w := float32(2*(i%7) + 1); f != w {
				t.Fatalf("axpb, n=%d: [%d] = %v, want %v", n, i, f, w)
			}
		}
	}
}

func TestShare(t *testing.T) {
	for _, n := range []int{1, 15, 16, 100, adamParams} {
		for threads := 1; threads <= 5; threads++ {
			next := 0
			for w := range threads {
				lo, hi := share(n, threads, w)
				if lo != next || hi < lo || (hi != n && hi%16 != 0) {
					t.Fatalf("share(%d, %d, %d) = [%d, %d), next %d", n, threads, w, lo, hi, next)
				}
				next = hi
			}
			if next != n {
				t.Fatalf("share(%d, %d) covers %d", n, threads, next)
			}
		}
	}
}

func TestLLC(t *testing.T) {
	for s, want := range map[string]int{"48K": 48 << 10, "2048K": 2 << 20, "32M": 32 << 20, "1G": 1 << 30, "512": 512} {
		if got, ok := parseSize(s); !ok || got != want {
			t.Errorf("parseSize(%q) = %d, %v", s, got, ok)
		}
	}
	for _, s := range []string{"", "K", "x2", "-1K"} {
		if _, ok := parseSize(s); ok {
			t.Errorf("parseSize(%q) accepted", s)
		}
	}
	t.Logf("LLC %d MiB", llcBytes()>>20)
	if llcBytes() <= 0 {
		t.Fatal("no LLC size")
	}
}

func TestWall(t *testing.T) {
	t0 := time.Now()
	s := []span{{t0.Add(2), t0.Add(10)}, {t0, t0.Add(5)}, {t0.Add(1), t0.Add(7)}}
	if got := wall(s); got != 10 {
		t.Errorf("wall = %v, want 10ns", got)
	}
}
