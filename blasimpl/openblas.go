//go:build openblas

package blasimpl

// #cgo LDFLAGS: -lopenblas
// void openblas_set_num_threads(int);
import "C"

import (
	"runtime"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
	"gonum.org/v1/netlib/blas/netlib"

	"github.com/vaetop/vaetop/sgemm"
)

// Name describes the matrix-product implementation in use.
var Name = "OpenBLAS (gonum/netlib, cgo)"

// At this model's sizes (batch 128) OpenBLAS's own threads spend a fifth of
// the time handing work over (sched_yield); one OpenBLAS thread per core,
// each given a band of C by our worker pool, runs 1.5x faster.
func init() {
	C.openblas_set_num_threads(1)
	blas32.Use(openBLAS{})
	SetThreads(0)
}

// cores is GOMAXPROCS as the program started: one per core, or the
// GOMAXPROCS environment variable.
var cores = runtime.GOMAXPROCS(0)

// SetThreads makes the matrix products and parallel passes use n threads
// (0: one per core) and returns n.
//
// It gives the Go scheduler one P more than there are workers. While every
// worker is inside OpenBLAS (cgo), the scheduler counts their Ps as blocked
// in system calls; with no P idle, sysmon takes them back and hands them to
// fresh threads thousands of times a second, and any goroutine woken then
// (a dashboard frame) pre-empts one band's thread mid-product while the
// other band waits for it. With a P to spare that goroutine runs on it, and
// the dashboard's cost fell from 13-19% of training speed to 1-3%.
func SetThreads(n int) int {
	if n <= 0 {
		n = cores
	}
	sgemm.SetWorkers(n)
	runtime.GOMAXPROCS(n + 1)
	return n
}

// ShareThreads divides n cores (0: one per core) between runs that train at
// the same time in this process (vaetop compare): each product and
// parallel pass uses max(1, cores/runs) workers, and the scheduler gets
// one P more than the cores, as SetThreads gives it. It returns that
// per-run count, the cores, and a function that restores the previous
// settings.
func ShareThreads(n, runs int) (each, total int, restore func()) {
	prevProcs := runtime.GOMAXPROCS(0)
	if n <= 0 {
		n = cores
	}
	each = max(1, n/max(runs, 1))
	prevWorkers := sgemm.SetWorkers(each)
	runtime.GOMAXPROCS(n + 1)
	return each, n, func() {
		sgemm.SetWorkers(prevWorkers)
		runtime.GOMAXPROCS(prevProcs)
	}
}

// openBLAS is netlib's OpenBLAS binding with Sgemm split over the worker
// pool into one piece per worker: bands of C's columns when C is wider than
// tall, else of its rows. Cutting the longer side keeps each call's shape
// efficient, and a column band packs only its own part of B (the weights,
// at batch 128): 10% faster than row bands here. Every element of C is
// still one OpenBLAS call's sum over all of k, so results depend only on
// the number of workers (the thread count), never on scheduling.
type openBLAS struct{ netlib.Implementation }

// minSplit is the size (multiply-adds) below which a product is not split.
const minSplit = 1 << 18

// minPiece is the fewest rows or columns of C one OpenBLAS call gets.
const minPiece = 16

type pieceTask struct {
	mu            sync.Mutex
	tA, tB        blas.Transpose
	m, n, k       int
	byCols        bool // pieces are bands of C's columns, not rows
	pieces        int
	alpha, beta   float32
	a, b, c       []float32
	lda, ldb, ldc int
}

var piece pieceTask

func (o openBLAS) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	byCols, pieces := split(m, n, k)
	if pieces < 2 || !piece.mu.TryLock() {
		netlib.Implementation{}.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	t := &piece
	t.set(tA, tB, m, n, k, byCols, pieces, alpha, a, lda, b, ldb, beta, c, ldc)
	sgemm.For(pieces, t)
	t.a, t.b, t.c = nil, nil, nil
	t.mu.Unlock()
}

// SgemmHere is Sgemm on the calling goroutine alone, never on the worker
// pool that training uses: the same pieces, one after another, so the same
// bits as an Sgemm that had the pool.
func SgemmHere(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	byCols, pieces := split(m, n, k)
	if pieces < 2 {
		netlib.Implementation{}.Sgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	var t pieceTask
	t.set(tA, tB, m, n, k, byCols, pieces, alpha, a, lda, b, ldb, beta, c, ldc)
	for i := 0; i < pieces; i++ {
		t.Chunk(i)
	}
}

// split says how Sgemm cuts a product: into bands of C's columns or rows,
// and how many (1: not cut).
func split(m, n, k int) (byCols bool, pieces int) {
	byCols = n > m
	long := m
	if byCols {
		long = n
	}
	pieces = min(sgemm.Workers(), long/minPiece)
	if pieces < 2 || m*n*k < minSplit {
		return byCols, 1
	}
	return byCols, pieces
}

func (t *pieceTask) set(tA, tB blas.Transpose, m, n, k int, byCols bool, pieces int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	t.tA, t.tB, t.m, t.n, t.k, t.byCols, t.pieces = tA, tB, m, n, k, byCols, pieces
	t.alpha, t.beta, t.a, t.b, t.c = alpha, beta, a, b, c
	t.lda, t.ldb, t.ldc = lda, ldb, ldc
}

// Chunk multiplies piece i of C.
func (t *pieceTask) Chunk(i int) {
	if !t.byCols {
		lo, hi := t.m*i/t.pieces, t.m*(i+1)/t.pieces
		var a []float32
		if t.tA == blas.NoTrans {
			a = t.a[lo*t.lda:] // rows of A
		} else {
			a = t.a[lo:] // columns of the stored Aᵀ
		}
		netlib.Implementation{}.Sgemm(t.tA, t.tB, hi-lo, t.n, t.k, t.alpha, a, t.lda, t.b, t.ldb, t.beta, t.c[lo*t.ldc:], t.ldc)
		return
	}
	lo, hi := t.n*i/t.pieces, t.n*(i+1)/t.pieces
	var b []float32
	if t.tB == blas.NoTrans {
		b = t.b[lo:] // columns of B
	} else {
		b = t.b[lo*t.ldb:] // rows of the stored Bᵀ
	}
	netlib.Implementation{}.Sgemm(t.tA, t.tB, t.m, hi-lo, t.k, t.alpha, t.a, t.lda, b, t.ldb, t.beta, t.c[lo:], t.ldc)
}
