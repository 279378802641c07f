package format

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
)

// benchLines are n lines as a Python trainer writes them: shortest
// round-trip floats, most of 16 or 17 digits.
func benchLines(n int, format string) [][]byte {
	r := rand.New(rand.NewPCG(1, 2))
	lines := make([][]byte, n)
	for i := range lines {
		loss := strconv.FormatFloat(100*r.Float64(), 'g', -1, 64)
		kl := strconv.FormatFloat(r.ExpFloat64(), 'g', -1, 64)
		lines[i] = fmt.Appendf(nil, format, i+1, loss, kl)
	}
	return lines
}

func benchParse(b *testing.B, p Parser, lines [][]byte) {
	var bytes int64
	for _, l := range lines {
		bytes += int64(len(l))
	}
	b.SetBytes(bytes / int64(len(lines)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok, err := p.Parse(lines[i]); !ok || err != nil {
			b.Fatalf("%q: %v %v", lines[i], ok, err)
		}
		if i++; i == len(lines) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkJSONL: one op is one line of {"step": N, "loss": X, "kl": Y}.
func BenchmarkJSONL(b *testing.B) {
	benchParse(b, New(JSONL), benchLines(4096, `{"step": %d, "loss": %s, "kl": %s}`))
}

// BenchmarkVaetop: one op is one line of vaetop compare's file.
func BenchmarkVaetop(b *testing.B) {
	benchParse(b, New(Vaetop), [][]byte{[]byte(vaetopLine)})
}

// BenchmarkCSV: one op is one row of step,loss,kl.
func BenchmarkCSV(b *testing.B) {
	p := New(CSV)
	p.Parse([]byte("step,loss,kl"))
	benchParse(b, p, benchLines(4096, "%d,%s,%s"))
}

// BenchmarkDetect: a 64 KiB head of a Lightning file.
func BenchmarkDetect(b *testing.B) {
	head := []byte("epoch,step,train_loss,val_loss\n")
	for len(head) < headMax {
		head = append(head, "0,49,0.5,\n"...)
	}
	for b.Loop() {
		if Detect(head) != Lightning {
			b.Fatal("not Lightning")
		}
	}
}
