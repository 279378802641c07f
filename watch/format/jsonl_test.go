package format

import (
	"strings"
	"testing"
)

func TestJSONL(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"flat", []string{`{"step": 3, "loss": 0.5, "kl": 1e-3}`}, []string{"3 loss=0.5 kl=0.001"}},
		{"nested", []string{`{"train":{"loss":1,"acc":{"top1":0.5}},"val":{"loss":2},"lr":3}`},
			[]string{"1 train/loss=1 train/acc/top1=0.5 val/loss=2 lr=3"}},
		{"step", []string{`{"step":7,"loss":1}`}, []string{"7 loss=1"}},
		{"global_step", []string{`{"loss":1,"global_step":7}`}, []string{"7 loss=1"}},
		{"iteration", []string{`{"iteration":7,"loss":1}`}, []string{"7 loss=1"}},
		{"iter", []string{`{"iter":7,"loss":1}`}, []string{"7 loss=1"}},
		{"_step", []string{`{"_step":7,"loss":1,"_runtime":2}`}, []string{"7 loss=1 _runtime=2"}},
		{"epoch", []string{`{"epoch":7,"loss":1}`}, []string{"7 loss=1"}},
		{"preference, no step key a series", []string{
			`{"epoch":2,"iter":5,"loss":1,"_step":9}`,
			`{"epoch":2,"step":4,"global_step":8,"iteration":6,"iter":5,"_step":9,"loss":1}`,
		}, []string{"5 loss=1", "4 loss=1"}},
		{"row number fallback counts data rows", []string{
			`{"loss":1}`, `{"note":"x"}`, ``, `{}`, `{"loss":2}`, `{"step":10,"loss":3}`, `{"loss":4}`,
		}, []string{"1 loss=1", "-", "-", "-", "2 loss=2", "10 loss=3", "4 loss=4"}},
		{"a step key that is not a finite number", []string{
			`{"step":"x","global_step":4,"loss":1}`,
			`{"step":null,"loss":1}`,
			`{"step":NaN,"loss":1}`,
			`{"step":[1],"loss":1}`,
		}, []string{"4 loss=1", "2 loss=1", "3 loss=1", "4 loss=1"}},
		{"a step alone is data", []string{`{"epoch":3}`, `{"epoch":"3"}`}, []string{"3", "-"}},
		{"nested step key is a series", []string{`{"train":{"step":3},"loss":1}`}, []string{"1 train/step=3 loss=1"}},
		{"python tokens", []string{`{"a":NaN,"b":Infinity,"c":-Infinity,"d":[NaN,-Infinity]}`},
			[]string{"1 a=NaN b=+Inf c=-Inf"}},
		{"NaN in a string is a string", []string{`{"note":"NaN Infinity","loss":NaN}`, `{"NaN":"-Infinity"}`},
			[]string{"1 loss=NaN", "-"}},
		{"not values", []string{`{"s":"x","t":true,"f":false,"n":null,"arr":[1,2,{"x":3},[]],"o":{},"loss":1}`},
			[]string{"1 loss=1"}},
		{"whitespace", []string{" \t{ \"a\" :\t1 ,\r\n\"b\": { \"c\" : 2 } } \t\r"}, []string{"1 a=1 b/c=2"}},
		{"escaped keys are decoded", []string{`{"a\"b":1,"c\\d":2,"\u00e9t\u00E9":3,"x\/y":4,"\ud83d\ude00":5,"\ud800":6,"tab\t":7}`},
			[]string{"1 a\"b=1 c\\d=2 été=3 x/y=4 😀=5 \ufffd=6 tab\ufffd=7"}}, // a control character is made printable
		{"invalid UTF-8 in a key", []string{"{\"a\xffb\":1}"}, []string{"1 a\ufffdb=1"}},
		{"repeated key: first place, last value", []string{`{"a":1,"b":2,"a":3}`, `{"step":1,"step":2}`},
			[]string{"1 a=3 b=2", "2"}},
		{"empty key is no series", []string{`{"":1,"a":2}`, `{"":{"":1}}`}, []string{"1 a=2", "2 /=1"}},
		{"numbers", []string{`{"a":-0.5,"b":1E3,"c":1e-3,"d":0,"e":-0,"f":12345678901234567890,"g":0.30000000000000004,"h":1e-400,"i":2.5e+2}`},
			[]string{"1 a=-0.5 b=1000 c=0.001 d=0 e=-0 f=1.2345678901234567e+19 g=0.30000000000000004 h=0 i=250"}},
		{"BOM", []string{"\ufeff{\"a\":1}"}, []string{"1 a=1"}},
		{"blank", []string{"", "   ", "\r", "\t \r"}, []string{"-", "-", "-", "-"}},
		{"too long a name is skipped", []string{`{"` + strings.Repeat("x", maxNameLen+1) + `":1,"b":2,"` +
			strings.Repeat("y", maxNameLen-2) + `":{"z":3,"zz":4}}`},
			[]string{"1 b=2 " + strings.Repeat("y", maxNameLen-2) + "/z=3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := same(results(JSONL, tt.lines...), tt.want); d != "" {
				t.Error(d)
			}
		})
	}
}

func TestJSONLMalformed(t *testing.T) {
	for _, line := range []string{
		`{"loss": 1`, `{"loss":1} x`, `{"loss":1}{"b":2}`, `{"loss":1.2.3}`, `{"loss":01}`, `{"loss":-01}`,
		`[1,2]`, `"str"`, `123`, `null`, `{"a":"unterminated}`, `{"a":1,}`, `{,}`, `{"a" 1}`, `{"a":}`,
		`{"a":tru}`, `{"a":nan}`, `{"a":NaNa}`, `{"a":-}`, `{"a":1.}`, `{"a":.5}`, `{"a":+1}`, `{"a":1e}`,
		`{"a":1e+}`, `{"a":--1}`, `{"a":-Inf}`, `{"a":0x10}`, `{"a":"\x"}`, `{"a":"\u12"}`, `{"a":"\u12g4"}`,
		"{\"a\":\"tab\there\"}", `{"a":1e400}`, `{"a":-1e400}`, `{'a':1}`, `{a:1}`, `{"a":[1,]}`, `{"a":[1 2]}`,
		`{"a":{"b":1}`, `{"a":{"b"}}`, `{"a":1}}`, `{"a":[}`, "{\"a\":1}\x00", `{"a":1`, `{`, `{"`, "\ufeff{",
		`{"a":1 "b":2}`, `{"a":1e5.5}`, `{"a":Infinityy}`,
	} {
		if got := results(JSONL, line); got[0] != "error" {
			t.Errorf("%q: got %q, want an error", line, got[0])
		}
	}
}

func TestJSONLDepth(t *testing.T) {
	nest := func(n int, open, close, leaf string) string {
		return strings.Repeat(open, n-1) + leaf + strings.Repeat(close, n-1)
	}
	for _, tt := range []struct {
		line string
		want string
	}{
		{nest(maxDepth, `{"a":`, `}`, `{"b":1}`), "1 " + strings.Repeat("a/", maxDepth-1) + "b=1"},
		{nest(maxDepth+1, `{"a":`, `}`, `{"b":1}`), "error"},
		{`{"x":` + nest(maxDepth-1, `[`, `]`, `[]`) + `,"b":1}`, "1 b=1"},
		{`{"x":` + nest(maxDepth, `[`, `]`, `[]`) + `,"b":1}`, "error"},
		{`{"x":` + nest(maxDepth, `[{"y":`, `}]`, `[]`) + `}`, "error"},
	} {
		if got := results(JSONL, tt.line)[0]; got != tt.want {
			t.Errorf("%.30q…: got %.40q, want %.40q", tt.line, got, tt.want)
		}
	}
}

func TestJSONLValuesReused(t *testing.T) {
	p := New(JSONL)
	rec, _, _ := p.Parse([]byte(`{"a":1,"b":2}`))
	first := &rec.Values[0]
	rec, ok, err := p.Parse([]byte(`{"b":3}`))
	if !ok || err != nil || len(rec.Values) != 1 || rec.Values[0] != (Value{"b", 3}) {
		t.Fatalf("second line: %v %v %v", rec, ok, err)
	}
	if first != &rec.Values[0] {
		t.Error("the Values slice was not reused")
	}
}

func TestNameTableBounded(t *testing.T) {
	p := New(JSONL)
	var b strings.Builder
	for i := range maxNames + 10 {
		b.Reset()
		b.WriteString(`{"k`)
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(strings.Repeat("0", i/26))
		b.WriteString(`":1,"loss":2}`)
		rec, ok, err := p.Parse([]byte(b.String()))
		if err != nil || !ok {
			t.Fatalf("line %d: %v %v", i, ok, err)
		}
		want := 2
		if i >= maxNames-1 { // "loss" took one place
			want = 1
		}
		if len(rec.Values) != want {
			t.Fatalf("line %d: %d values, want %d", i, len(rec.Values), want)
		}
	}
}

// Control characters in a key never reach a terminal: a newline or an
// escape sequence in a name becomes U+FFFD.
func TestNamesArePrintable(t *testing.T) {
	p := New(JSONL)
	rec, ok, err := p.Parse([]byte("{\"a\\nb\": 1, \"\\u001b[31mred\": 2}"))
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	for _, v := range rec.Values {
		if strings.ContainsAny(v.Name, "\n\x1b") {
			t.Errorf("name %q", v.Name)
		}
	}
	c := New(CSV)
	c.Parse([]byte("step,\x1b[2Jx"))
	rec, _, _ = c.Parse([]byte("1,2"))
	if len(rec.Values) != 1 || strings.Contains(rec.Values[0].Name, "\x1b") {
		t.Errorf("CSV header name: %+v", rec.Values)
	}
}
