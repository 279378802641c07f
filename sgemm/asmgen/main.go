// Command asmgen writes the micro-kernels of package sgemm
// (kernel_avx2_amd64.s and kernel_avx512_amd64.s): unrolled
// broadcast-and-FMA loops over packed panels, one function per row count.
//
// Run it from the sgemm directory: go run ./asmgen (or go generate). The
// -o flag names another output directory.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

var outDir = flag.String("o", ".", "output directory")

// isa describes one vector extension.
type isa struct {
	name  string // file and comment name
	reg   string // vector register prefix: Y or Z
	width int    // floats per register
	zero  string // zeroing instruction
	acc0  int    // first accumulator register
}

var (
	avx2   = isa{name: "AVX2+FMA", reg: "Y", width: 8, zero: "VXORPS", acc0: 4}
	avx512 = isa{name: "AVX-512F", reg: "Z", width: 16, zero: "VPXORD", acc0: 8}
)

// spec is one generated function.
type spec struct {
	fn   string // Go name
	rows int    // rows of C computed per tile
	mr   int    // rows of the packed A panel (floats per k step)
	tail bool   // first argument is h (rows stored, one tile), not n (tiles)
	// bias reads the beta term from a vector (a last argument, bias, the
	// same for every row) instead of from C: beta*bias[j] in place of
	// beta*C[i, j], the very same FMA.
	bias bool
}

type gen struct {
	bytes.Buffer
	isa
}

func (g *gen) p(format string, args ...any) { fmt.Fprintf(g, format+"\n", args...) }

func (g *gen) acc(r, half int) string { return fmt.Sprintf("%s%d", g.reg, g.acc0+2*r+half) }

func (g *gen) v(i int) string { return fmt.Sprintf("%s%d", g.reg, i) }

// step emits one k step: a row of B at bo(DI), a column of A at ao(SI).
func (g *gen) step(s spec, bo, ao int) {
	vb := 4 * g.width // bytes per vector
	g.p("\tVMOVUPS %d(DI), %s", bo, g.v(0))
	g.p("\tVMOVUPS %d(DI), %s", bo+vb, g.v(1))
	for r := 0; r < s.rows; r++ {
		bc := g.v(2 + r%2)
		g.p("\tVBROADCASTSS %d(SI), %s", ao+4*r, bc)
		g.p("\tVFMADD231PS %s, %s, %s", g.v(0), bc, g.acc(r, 0))
		g.p("\tVFMADD231PS %s, %s, %s", g.v(1), bc, g.acc(r, 1))
	}
}

// store emits the C update for all rows; stop is emitted after each row
// but the last.
func (g *gen) store(s spec, beta bool, stop string) {
	vb := 4 * g.width
	old := "R12"
	if s.bias {
		old = "BX"
	}
	for r := 0; r < s.rows; r++ {
		for half := 0; half < 2; half++ {
			a := g.acc(r, half)
			g.p("\tVMULPS %s, %s, %s", g.v(0), a, a)
			if beta {
				g.p("\tVFMADD231PS %d(%s), %s, %s", half*vb, old, g.v(1), a)
			}
			g.p("\tVMOVUPS %s, %d(R12)", a, half*vb)
		}
		if r < s.rows-1 {
			g.p("\tADDQ R8, R12")
			if stop != "" {
				g.p(stop)
			}
		}
	}
}

func (g *gen) function(s spec) {
	nr := 2 * g.width
	first := "n"
	what := fmt.Sprintf("n stacked %d×%d tiles", s.rows, nr)
	if s.tail {
		first = "h"
		what = fmt.Sprintf("one %d×%d tile (A panels %d rows high), storing its first h rows", s.rows, nr, s.mr)
	}
	args, frame := "", 104
	if s.bias {
		args, frame = ", bias []float32", 128
		what += ", with beta*bias[j] in place of beta*C[i, j]"
	}
	g.p("// func %s(%s, kc int, a, b, c []float32, ldc int, alpha, beta float32%s)", s.fn, first, args)
	g.p("// computes %s.", what)
	g.p("TEXT ·%s(SB), NOSPLIT, $0-%d", s.fn, frame)
	g.p("\tMOVQ %s+0(FP), R9", first)
	g.p("\tMOVQ kc+8(FP), R10")
	g.p("\tMOVQ a_base+16(FP), SI")
	g.p("\tMOVQ b_base+40(FP), R11")
	g.p("\tMOVQ c_base+64(FP), DX")
	g.p("\tMOVQ ldc+88(FP), R8")
	g.p("\tSHLQ $2, R8")
	g.p("\tMOVQ R8, R13")
	g.p("\tIMULQ $%d, R13", s.rows)
	g.p("\tTESTQ R9, R9")
	g.p("\tJLE  done")
	g.p("")
	g.p("\tPCALIGN $64")
	g.p("tile:")
	g.p("\tMOVQ R11, DI")
	for r := 0; r < s.rows; r++ {
		for half := 0; half < 2; half++ {
			a := g.acc(r, half)
			g.p("\t%s %s, %s, %s", g.zero, a, a, a)
		}
	}
	g.p("\tMOVQ DX, R12")
	for r := 0; r < s.rows; r++ {
		for off := 0; off < 8*g.width; off += 64 {
			g.p("\tPREFETCHT0 %d(R12)", off)
		}
		g.p("\tPREFETCHT0 %d(R12)", 8*g.width-1)
		if r < s.rows-1 {
			g.p("\tADDQ R8, R12")
		}
	}
	ab, bb := 4*s.mr, 4*nr // bytes per k step
	g.p("\tMOVQ R10, CX")
	g.p("\tSHRQ $2, CX")
	g.p("\tJZ   tail")
	g.p("")
	g.p("\tPCALIGN $64")
	g.p("loop4:")
	for u := 0; u < 4; u++ {
		g.step(s, u*bb, u*ab)
	}
	g.p("\tADDQ $%d, SI", 4*ab)
	g.p("\tADDQ $%d, DI", 4*bb)
	g.p("\tDECQ CX")
	g.p("\tJNZ  loop4")
	g.p("")
	g.p("tail:")
	g.p("\tMOVQ R10, CX")
	g.p("\tANDQ $3, CX")
	g.p("\tJZ   store")
	g.p("")
	g.p("loop1:")
	g.step(s, 0, 0)
	g.p("\tADDQ $%d, SI", ab)
	g.p("\tADDQ $%d, DI", bb)
	g.p("\tDECQ CX")
	g.p("\tJNZ  loop1")
	g.p("")
	g.p("store:")
	g.p("\tVBROADCASTSS alpha+96(FP), %s", g.v(0))
	g.p("\tMOVQ DX, R12")
	g.p("\tMOVL beta+100(FP), AX")
	g.p("\tTESTL $0x7fffffff, AX")
	g.p("\tJZ   storezero")
	g.p("\tVBROADCASTSS beta+100(FP), %s", g.v(1))
	if s.bias {
		g.p("\tMOVQ bias_base+104(FP), BX")
	}
	stop := ""
	if s.tail {
		stop = "\tDECQ R9\n\tJZ   done"
	}
	g.store(s, true, stop)
	g.p("\tJMP  next")
	g.p("")
	g.p("storezero:")
	g.store(s, false, stop)
	g.p("")
	g.p("next:")
	if !s.tail {
		g.p("\tADDQ R13, DX")
		g.p("\tDECQ R9")
		g.p("\tJNZ  tile")
	}
	g.p("")
	g.p("done:")
	g.p("\tVZEROUPPER")
	g.p("\tRET")
	g.p("")
}

func write(file string, is isa, specs []spec) {
	g := &gen{isa: is}
	nr := 2 * is.width
	g.p("// Code generated by go run ./asmgen; DO NOT EDIT.")
	g.p("")
	g.p("//go:build !noasm")
	g.p("")
	g.p("#include \"textflag.h\"")
	g.p("")
	g.p("// %s micro-kernels for %d-column panels; see kernel.tiles for the", is.name, nr)
	g.p("// contract. Accumulators: row r in %s(%d+2r) (columns 0-%d) and",
		is.reg, is.acc0, is.width-1)
	g.p("// %s(%d+2r) (columns %d-%d). %s0, %s1 hold a row of the B panel",
		is.reg, is.acc0+1, is.width, nr-1, is.reg, is.reg)
	g.p("// (then alpha and beta), %s2/%s3 alternately a broadcast A element.", is.reg, is.reg)
	g.p("// Every element is one FMA chain over k, then alpha*acc (+ beta*C).")
	g.p("")
	for _, s := range specs {
		g.function(s)
	}
	if err := os.WriteFile(filepath.Join(*outDir, file), g.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

func main() {
	flag.Parse()
	write("kernel_avx2_amd64.s", avx2, []spec{
		{fn: "tilesAVX2", rows: 6, mr: 6},
		{fn: "tailAVX2r2", rows: 2, mr: 6, tail: true},
		{fn: "tailAVX2r4", rows: 4, mr: 6, tail: true},
		{fn: "tilesAVX2Bias", rows: 6, mr: 6, bias: true},
	})
	write("kernel_avx512_amd64.s", avx512, []spec{
		{fn: "tilesAVX512", rows: 12, mr: 12},
		{fn: "tailAVX512r4", rows: 4, mr: 12, tail: true},
		{fn: "tailAVX512r8", rows: 8, mr: 12, tail: true},
		{fn: "tilesAVX512Bias", rows: 12, mr: 12, bias: true},
	})
}
