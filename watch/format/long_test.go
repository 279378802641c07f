package format

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestLongLines: a 10 MB line parses, or errs, in time linear in its
// length. The bound is loose (a linear parse takes tens of milliseconds,
// a quadratic one hours) so that it holds under -race on a busy machine.
func TestLongLines(t *testing.T) {
	const size = 10 << 20
	fill := func(prefix, item, suffix string) string {
		var b strings.Builder
		b.WriteString(prefix)
		for i := 0; b.Len() < size; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, item, i)
		}
		b.WriteString(suffix)
		return b.String()
	}
	long := strings.Repeat("k", size)
	bound := 10 * time.Second
	if raceEnabled {
		bound *= 10
	}
	tests := []struct {
		name   string
		kind   Kind
		line   string
		values int // -1: an error is wanted
	}{
		{"many keys", JSONL, fill("{", `"key%d":1.5`, "}"), maxNames},
		{"one key many times", JSONL, fill("{", `"k":%d`, "}"), 1},
		{"many nested leaves under a long key", JSONL, fill(`{"`+long[:size/2]+`":{`, `"a%d":1`, `}}`), 0},
		{"a long key", JSONL, `{"` + long + `":1,"b":2}`, 1},
		{"a long string", JSONL, `{"s":"` + long + `","b":2}`, 1},
		{"a long escaped key", Vaetop, `{"kind":"epoch","` + strings.Repeat(`\u00e9`, size/6) + `":1}`, 0},
		{"a long array", JSONL, fill(`{"a":[`, "%d", `],"b":1}`), 1},
		{"deep arrays", JSONL, `{"a":` + strings.Repeat("[", size), -1},
		{"an unterminated string", JSONL, `{"a":"` + long, -1},
		{"a long number", JSONL, `{"a":1` + strings.Repeat("0", size) + `}`, -1},
		{"a long fraction", JSONL, `{"a":0.` + strings.Repeat("1", size) + `}`, 1},
		{"a wide CSV row", CSV, strings.Repeat("1.25,", size/5) + "1", maxNames},
		{"a wide CSV row, one field short", CSV, strings.Repeat("1.25,", size/5-1) + "1", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := New(tt.kind)
			if tt.kind == CSV {
				p.Parse([]byte(wideHeader(size/5 + 1)))
			}
			start := time.Now()
			rec, ok, err := p.Parse([]byte(tt.line))
			if d := time.Since(start); d > bound {
				t.Errorf("%d bytes took %v", len(tt.line), d)
			}
			switch {
			case tt.values < 0 && err == nil:
				t.Error("no error")
			case tt.values >= 0 && err != nil:
				t.Errorf("error %v", err)
			case tt.values > 0 && (!ok || len(rec.Values) != tt.values):
				t.Errorf("ok %v, want %d values", ok, tt.values)
			}
		})
	}
}

// wideHeader is a CSV header of n columns, c0, c1 and on.
func wideHeader(n int) string {
	b := make([]byte, 0, 9*n)
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(append(b, 'c'), int64(i), 10)
	}
	return string(b)
}
