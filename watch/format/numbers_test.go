package format

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestParseNumber: the fast path agrees with strconv.ParseFloat.
func TestParseNumber(t *testing.T) {
	for _, s := range []string{"0", "-0", "1", "-1", "0.1", "0.30000000000000004", "123456789012345",
		"1234567890123456", "9007199254740993", "1e22", "1e23", "1e-22", "1e-23", "123.456e-10", "1.5E+3",
		"0.000000000000000000000000001", "1000000000000000000000000", "4.9e-324", "1.7976931348623157e308",
		"1e308", "1e309", "-1e400", "1e-400", "0e9999", "00012", "1.", ".5", "+2", "1..2", "-", "", "e5",
		"1e", "1e+", "1e99999", "nan", "Inf", "0x1p-2", "1_000", "12a", "999999999999999e22", "1234567.0e-3",
		"-nan", "+nan", "+Inf", "-INFINITY", "infin", "-", "+", ".", "-.", ".e5", "1.e5", "-.5e-3", "2024-01-01",
		"0X1P+2", "0x1.8p1", "1__0", "_1", "0x", "0xg", "1e5e5", "1.2.3", " 1", "1 ", "１"} {
		want, err := strconv.ParseFloat(s, 64)
		got, ok := parseNumber([]byte(s))
		if ok != (err == nil) || ok && strconv.FormatFloat(got, 'g', -1, 64) != strconv.FormatFloat(want, 'g', -1, 64) {
			t.Errorf("parseNumber(%q) = %v, %v; ParseFloat: %v, %v", s, got, ok, want, err)
		}
	}
}

// TestParseNumberRandom: the fast paths agree with strconv.ParseFloat on
// random numbers of every length, exponents near the table's ends and
// halfway cases (a float64 and a half ulp).
func TestParseNumberRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	check := func(s string) {
		want, err := strconv.ParseFloat(s, 64)
		got, ok := parseNumber([]byte(s))
		if ok != (err == nil) || ok && math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("parseNumber(%q) = %v, %v; ParseFloat: %v, %v", s, got, ok, want, err)
		}
		var d decimal
		if end := scanDecimal(&d, []byte(s), 0); end == len(s) {
			if v, ok := d.float(); ok && math.Float64bits(v) != math.Float64bits(want) {
				t.Fatalf("decimal(%q).float() = %v, want %v", s, v, want)
			}
		}
	}
	n := 100000
	if raceEnabled || testing.Short() {
		n = 10000
	}
	for range n {
		f := math.Float64frombits(r.Uint64())
		check(strconv.FormatFloat(f, 'g', -1, 64))
		check(strconv.FormatFloat(f, 'e', r.IntN(20), 64))
		x := r.NormFloat64() * math.Pow(10, float64(r.IntN(140)-70))
		check(strconv.FormatFloat(x, 'g', -1, 64))
		check(strconv.FormatFloat(x, 'f', r.IntN(25), 64))
		mant := r.Uint64N(1e19)
		check(fmt.Sprintf("%de%d", mant, r.IntN(160)-80))
		check(fmt.Sprintf("-0.%019d", mant))
		check(strconv.FormatUint(1<<53+r.Uint64N(1<<63), 10)) // odd ones are halfway
		// Halfway between x and the next float64, exactly in decimal.
		h := new(big.Float).SetPrec(200).SetFloat64(math.Abs(x))
		h.Add(h, new(big.Float).SetPrec(200).SetFloat64(math.Nextafter(math.Abs(x), math.Inf(1))))
		h.Quo(h, big.NewFloat(2))
		check(h.Text('e', 40))
	}
}

// TestFoldDigits: eight digits at a time equals one at a time.
func TestFoldDigits(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 10000 {
		s := fmt.Sprintf("%019d", r.Uint64N(1e19))
		s = s[:r.IntN(len(s)+1)]
		want, _ := strconv.ParseUint("0"+s, 10, 64)
		if got := foldDigits(0, []byte(s)); got != want {
			t.Fatalf("foldDigits(%q) = %d", s, got)
		}
	}
	if got := foldDigits(0, []byte("9999999999999999999")); got != 9999999999999999999 {
		t.Errorf("19 nines: %d", got)
	}
}
