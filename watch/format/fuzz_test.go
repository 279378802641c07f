package format

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// jsonSeeds are lines from the JSONL and vaetop tests.
var jsonSeeds = []string{
	`{"step": 3, "loss": 0.5, "kl": 1e-3}`,
	`{"train":{"loss":1,"acc":{"top1":0.5}},"val":{"loss":2},"lr":3}`,
	`{"epoch":2,"step":4,"global_step":8,"iteration":6,"iter":5,"_step":9,"loss":1}`,
	`{"note":"NaN Infinity","loss":NaN,"b":Infinity,"c":-Infinity}`,
	`{"s":"x","t":true,"f":false,"n":null,"arr":[1,2,{"x":3},[]],"o":{},"loss":1}`,
	" \t{ \"a\" :\t1 ,\r\n\"b\": { \"c\" : 2 } } \t\r",
	`{"a\"b":1,"c\\d":2,"\u00e9t\u00E9":3,"x\/y":4,"\ud83d\ude00":5,"\ud800":6}`,
	`{"a":-0.5,"b":1E3,"c":1e-3,"d":0,"e":-0,"f":12345678901234567890,"g":0.30000000000000004,"h":1e-400}`,
	`{"a":1,"b":2,"a":3}`, `{"loss": 1`, `{"loss":1} x`, `{"loss":1.2.3}`, `{"loss":01}`, `[1,2]`,
	`{"a":1e400}`, "\ufeff{\"a\":1}", "", vaetopLine,
	`{"kind":"epoch","epoch":2,"test_loss":null,"run":"a\"b \u00e9"}`,
}

// FuzzJSONL: no panic; every value named; and on a line encoding/json
// reads too, every top-level number it finds is among the values.
func FuzzJSONL(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		for _, k := range []Kind{JSONL, Vaetop} {
			rec, ok, err := New(k).Parse(line)
			checkRecord(t, rec, ok, err)
		}
		rec, ok, err := New(JSONL).Parse(line)
		agreesWithEncodingJSON(t, line, rec, ok, err)
	})
}

// checkRecord checks what any Parse returns.
func checkRecord(t *testing.T, rec *Record, ok bool, err error) {
	t.Helper()
	if (rec != nil) != ok || ok && err != nil {
		t.Fatalf("rec %v, ok %v, err %v", rec, ok, err)
	}
	if !ok {
		return
	}
	seen := map[string]bool{}
	for _, v := range rec.Values {
		if v.Name == "" || seen[v.Name] {
			t.Fatalf("a value named %q, twice or empty: %v", v.Name, rec.Values)
		}
		seen[v.Name] = true
	}
}

func agreesWithEncodingJSON(t *testing.T, line []byte, rec *Record, ok bool, err error) {
	trimmed := bytes.TrimLeft(line, " \t\r\n")
	python := bytes.Contains(line, []byte("NaN")) || bytes.Contains(line, []byte("Infinity"))
	if err == nil && len(trimmed) > 0 && !json.Valid(line) && !python && !bytes.HasPrefix(line, bom) {
		t.Fatalf("accepted, but encoding/json finds it invalid")
	}
	if !json.Valid(line) || len(trimmed) == 0 || trimmed[0] != '{' {
		return
	}
	var m map[string]any
	if json.Unmarshal(line, &m) != nil {
		return // a number out of range
	}
	if err != nil {
		if strings.Contains(err.Error(), "nested deeper") {
			return
		}
		t.Fatalf("encoding/json reads it; Parse: %v", err)
	}
	got := map[string]float64{}
	if ok {
		for _, v := range rec.Values {
			got[v.Name] = v.V
		}
	}
	nested := false
	for _, v := range m {
		_, isObject := v.(map[string]any)
		nested = nested || isObject
	}
	for k, v := range m {
		f, isNum := v.(float64)
		if !isNum || stepRank([]byte(k)) >= 0 || len(k) > maxNameLen || k == "" || nested && strings.Contains(k, "/") ||
			printable(k) != k || strings.ContainsRune(k, utf8.RuneError) {
			continue // not a series, a flattened name might take its name, or a made-printable one
		}
		if g, found := got[k]; !found || math.Float64bits(g) != math.Float64bits(f) {
			t.Fatalf("%q: encoding/json %v, Parse %v (found %v)", k, f, g, found)
		}
	}
}

// csvSeeds are files from the CSV tests, one per seed.
var csvSeeds = []string{
	"epoch,step,train_loss,val_loss\n0,49,0.5,\n0,99,,0.7\n0,,0.4,\n,,0.3,\n",
	"epoch,loss,val_loss\r\n0,0.5,NA\r\n1,0.4,0.45\r\n",
	"lr,iteration,loss\n0.1,10,2\n",
	"\"name, with comma\",loss,\"say \"\"hi\"\"\", \"spaced\" \n\"1.5\",2,\"3\",\" 4 \"\n\"a,b\",1,\"\"\"\",4\n",
	"a,b,c,d\nnan,Infinity,-inf,NA\n1,2\n\"1,2\n\"1\"x,2,3,4\n",
	"step,loss\n1,2\nstep,loss\n2,3\n",
	"\ufeffepoch,loss\n\n1,2\n",
}

// FuzzCSV: no panic; every value named; and on a line encoding/csv reads
// too, the fields and numbers agree.
func FuzzCSV(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, file []byte) {
		p := New(CSV)
		for _, line := range bytes.Split(file, []byte("\n")) {
			rec, ok, err := p.Parse(line)
			checkRecord(t, rec, ok, err)
			agreesWithEncodingCSV(t, line)
		}
	})
}

// agreesWithEncodingCSV parses line as a row under a header as wide as
// encoding/csv finds it, and compares the numbers.
func agreesWithEncodingCSV(t *testing.T, line []byte) {
	line = bytes.TrimSuffix(line, []byte("\r"))
	if blank(line) || bytes.HasPrefix(line, bom) || bytes.ContainsAny(line, "\r\n") {
		return
	}
	r := csv.NewReader(bytes.NewReader(line))
	r.FieldsPerRecord = -1
	fields, err := r.Read()
	if err != nil {
		return
	}
	names := make([]string, len(fields))
	for i := range names {
		names[i] = "c" + strconv.Itoa(i)
	}
	p := New(CSV)
	p.Parse([]byte(strings.Join(names, ",")))
	rec, ok, err := p.Parse(line)
	if err != nil {
		t.Fatalf("encoding/csv reads %d fields; Parse: %v", len(fields), err)
	}
	got := map[string]float64{}
	if ok {
		for _, v := range rec.Values {
			got[v.Name] = v.V
		}
	}
	for i, field := range fields {
		if printable(names[i]) != names[i] || strings.ContainsRune(names[i], utf8.RuneError) {
			continue // made printable: several raw names may show as one
		}
		want, err := strconv.ParseFloat(strings.Trim(field, " \t"), 64)
		g, found := got[names[i]]
		if found != (err == nil) || found && math.Float64bits(g) != math.Float64bits(want) && !(math.IsNaN(g) && math.IsNaN(want)) {
			t.Fatalf("field %d %q: ParseFloat %v, %v; Parse %v, %v", i, field, want, err, g, found)
		}
	}
}
