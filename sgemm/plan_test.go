package sgemm

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestPlan checks the blocking helpers: k-blocks cover k with balanced,
// 8-aligned blocks no deeper than kcMax; chunks cover n; task grids stay
// within bounds and spans tile their range.
func TestPlan(t *testing.T) {
	for k := 1; k <= 3000; k++ {
		kc, nb := kBlocks(k)
		if kc > kcMax || kc%8 != 0 || nb*kc < k || (nb-1)*kc >= k {
			t.Fatalf("kBlocks(%d) = %d, %d", k, kc, nb)
		}
	}
	for n := 1; n <= 3000; n += 7 {
		for _, kern := range testKernels() {
			for _, c := range [][2]int{{mcMax, kern.mr}, {ncMax, kern.nr}} {
				limit, unit := c[0], c[1]
				count, size := chunks(n, limit, unit)
				if size%unit != 0 || count*size < n || (count-1)*size >= n || size > limit {
					t.Fatalf("chunks(%d, %d, %d) = %d, %d", n, limit, unit, count, size)
				}
			}
		}
	}
	for _, kern := range testKernels() {
		for _, sh := range [][3]int{{128, 512, 784}, {784, 512, 128}, {1, 1000, 5}, {1000, 1, 5}, {5000, 5000, 64}} {
			P, Q := (sh[0]+kern.mr-1)/kern.mr, (sh[1]+kern.nr-1)/kern.nr
			for w := 2; w <= 8; w++ {
				g := splitGrid(P, Q, kern.mr, kern.nr, sh[2], w, kern.packCost)
				if g.tr < 1 || g.tc < 1 || g.tr > P || g.tc > Q || g.tr*g.tc > maxTasksPerWorker*w {
					t.Fatalf("%s %v w=%d: grid %+v", kern.name, sh, w, g)
				}
			}
		}
	}
	for parts := 1; parts <= 9; parts++ {
		end := 0
		for g := 0; g < parts; g++ {
			lo, hi := span(g, parts, 25)
			if lo != end || hi < lo {
				t.Fatalf("span(%d, %d, 25) = %d, %d", g, parts, lo, hi)
			}
			end = hi
		}
		if end != 25 {
			t.Fatalf("spans of %d parts end at %d", parts, end)
		}
	}
}

// TestGeneratedAssembly checks that the kernel assembly is what asmgen
// writes today.
func TestGeneratedAssembly(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	dir := t.TempDir()
	if out, err := exec.Command(gotool, "run", "./asmgen", "-o", dir).CombinedOutput(); err != nil {
		t.Fatalf("asmgen: %v\n%s", err, out)
	}
	for _, f := range []string{"kernel_avx2_amd64.s", "kernel_avx512_amd64.s"} {
		want, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate", f)
		}
	}
}
