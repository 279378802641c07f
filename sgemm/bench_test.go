package sgemm

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// layerPairs are the (in, out) sizes of the VAE's dense layers.
var layerPairs = [][2]int{{784, 512}, {512, 256}, {256, 64}, {32, 256}, {256, 512}, {512, 784}}

const benchBatch = 128

var benchKernel = flag.String("sgemm.kernel", "", "force this kernel (by name) in BenchmarkShapes and BenchmarkStep")

// forceBenchKernel applies -sgemm.kernel for the rest of the benchmark.
func forceBenchKernel(b *testing.B) {
	if *benchKernel == "" {
		return
	}
	for _, k := range testKernels() {
		if k.name == *benchKernel {
			old := forced.Swap(k)
			b.Cleanup(func() { forced.Store(old) })
			return
		}
	}
	b.Fatalf("no kernel %q here", *benchKernel)
}

// stepCases returns the 18 products of one training step at batch bs:
// forward NN, input-gradient NT and weight-gradient TN for every layer.
func stepCases(bs int) []*gemmCase {
	rng := rand.New(rand.NewPCG(51, 52))
	var cs []*gemmCase
	for _, p := range layerPairs {
		in, out := p[0], p[1]
		cs = append(cs,
			newCase(rng, blas.NoTrans, blas.NoTrans, bs, out, in, 1, 0, 0),
			newCase(rng, blas.NoTrans, blas.Trans, bs, in, out, 1, 0, 0),
			newCase(rng, blas.Trans, blas.NoTrans, in, out, bs, 1, 0, 0))
	}
	return cs
}

func opName(g *gemmCase) string {
	return map[bool]string{false: "N", true: "T"}[g.tA != blas.NoTrans] +
		map[bool]string{false: "N", true: "T"}[g.tB != blas.NoTrans]
}

var impls = []struct {
	name string
	f    func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int)
}{{"ours", Sgemm}, {"gonum", gonumSgemm}}

func benchCall(b *testing.B, f func(blas.Transpose, blas.Transpose, int, int, int, float32, []float32, int, []float32, int, float32, []float32, int), cs []*gemmCase) {
	flops := 0.0
	for _, g := range cs {
		flops += 2 * float64(g.m) * float64(g.n) * float64(g.k)
	}
	cs2 := make([][]float32, len(cs))
	for i, g := range cs {
		cs2[i] = append([]float32(nil), g.c...)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, g := range cs {
			f(g.tA, g.tB, g.m, g.n, g.k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, cs2[j], g.ldc)
		}
	}
	b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// BenchmarkShapes times each product of a training step (batch 128).
// Names are op/MxNxK/impl. -sgemm.kernel=avx2-6x16 forces the AVX2 kernel.
func BenchmarkShapes(b *testing.B) {
	forceBenchKernel(b)
	for _, g := range stepCases(benchBatch) {
		for _, im := range impls {
			b.Run(fmt.Sprintf("%s/%dx%dx%d/%s", opName(g), g.m, g.n, g.k, im.name), func(b *testing.B) {
				benchCall(b, im.f, []*gemmCase{g})
			})
		}
	}
}

// BenchmarkStep times all 18 products of one training step (batch 128).
func BenchmarkStep(b *testing.B) {
	forceBenchKernel(b)
	cs := stepCases(benchBatch)
	for _, im := range impls {
		b.Run(im.name, func(b *testing.B) { benchCall(b, im.f, cs) })
	}
}

// BenchmarkKernels times the step with each kernel forced.
func BenchmarkKernels(b *testing.B) {
	cs := stepCases(benchBatch)
	for _, kern := range testKernels() {
		b.Run(kern.name, func(b *testing.B) {
			withKernel(kern, func() { benchCall(b, Sgemm, cs) })
		})
	}
}

// BenchmarkSmall times small and odd products: square sizes and the
// latent layer's thin shapes.
func BenchmarkSmall(b *testing.B) {
	rng := rand.New(rand.NewPCG(53, 54))
	shapes := [][3]int{{8, 8, 8}, {16, 16, 16}, {32, 32, 32}, {64, 64, 64}, {96, 96, 96},
		{128, 4, 256}, {128, 256, 2}, {256, 4, 128}, {64, 512, 784}, {1000, 512, 784}}
	for _, sh := range shapes {
		g := newCase(rng, blas.NoTrans, blas.NoTrans, sh[0], sh[1], sh[2], 1, 0, 0)
		for _, im := range impls {
			b.Run(fmt.Sprintf("NN/%dx%dx%d/%s", sh[0], sh[1], sh[2], im.name), func(b *testing.B) {
				benchCall(b, im.f, []*gemmCase{g})
			})
		}
	}
}

// BenchmarkKernel times each micro-kernel alone on L1/L2-resident packed
// panels (kc = 256): one tile, and 11 tiles down a B panel.
func BenchmarkKernel(b *testing.B) {
	for _, kern := range testKernels() {
		for _, tiles := range []int{1, 11} {
			const kc = 256
			a := floats(nil, tiles*kern.mr*kc)
			bp := floats(nil, kern.nr*kc)
			c := floats(nil, tiles*kern.mr*kern.nr)
			b.Run(fmt.Sprintf("%s/tiles=%d", kern.name, tiles), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					kern.tiles(tiles, kc, a, bp, c, kern.nr, 1, 1)
				}
				fl := 2 * float64(tiles*kern.mr*kern.nr*kc) * float64(b.N)
				b.ReportMetric(fl/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
