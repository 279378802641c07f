package format

import (
	"bytes"
	"encoding/binary"
	"math"
	"strconv"
)

// decimal is a plain decimal number as scanDecimal reads it:
// [+-]digits[.digits][(e|E)[+-]digits], where any part may be empty
// (the callers judge what is missing).
type decimal struct {
	neg        bool
	lead       byte   // the first integer digit
	mant       uint64 // the significant digits, when there are at most 19
	sig        int    // the count of significant digits
	exp        int    // the power of ten that scales mant
	intDigits  int
	fracDigits int
	point      bool // a '.' was read
	expMark    bool // an 'e' or 'E' was read
	expDigits  int
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// scanDecimal reads the decimal at b[i:] into d and returns the index
// after it.
func scanDecimal(d *decimal, b []byte, i int) int {
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		d.neg = b[i] == '-'
		i++
	}
	if i < len(b) {
		d.lead = b[i]
	}
	intPart := b[i:skipDigits(b, i)]
	i += len(intPart)
	var frac []byte
	if i < len(b) && b[i] == '.' {
		d.point = true
		frac = b[i+1 : skipDigits(b, i+1)]
		i += 1 + len(frac)
	}
	d.intDigits, d.fracDigits = len(intPart), len(frac)
	d.mantissa(intPart, frac)
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		d.expMark = true
		i = d.exponent(b, i+1)
	}
	return i
}

// mantissa sets mant, sig and exp from the digits before and after the
// point.
func (d *decimal) mantissa(intPart, frac []byte) {
	d.exp = -len(frac)
	for len(intPart) > 0 && intPart[0] == '0' {
		intPart = intPart[1:]
	}
	if len(intPart) == 0 {
		for len(frac) > 0 && frac[0] == '0' {
			frac = frac[1:]
		}
	}
	d.sig = len(intPart) + len(frac)
	if d.sig > 19 {
		return
	}
	d.mant = foldDigits(foldDigits(0, intPart), frac)
}

// foldDigits appends the decimal digits b to m: m·10^len(b) + b. It takes
// eight digits at a time where it can, a long chain of multiplications
// being most of the cost of reading a number.
func foldDigits(m uint64, b []byte) uint64 {
	for ; len(b) >= 8; b = b[8:] {
		m = m*1e8 + eightDigits(b)
	}
	for _, c := range b {
		m = m*10 + uint64(c-'0')
	}
	return m
}

// eightDigits is the value of the eight ASCII digits that begin b, found
// with three multiplications over the eight bytes at once (the SWAR trick
// of simdjson's parse_eight_digits_unrolled).
func eightDigits(b []byte) uint64 {
	v := binary.LittleEndian.Uint64(b) - 0x3030303030303030
	v = v*10 + v>>8 // pairs of digits, in every other byte
	const mask = 0x000000FF000000FF
	return ((v&mask)*(100+1000000<<32) + (v>>16&mask)*(1+10000<<32)) >> 32
}

// exponent reads the exponent's [+-]digits at b[i:] into exp and returns
// the index after them.
func (d *decimal) exponent(b []byte, i int) int {
	neg := i < len(b) && b[i] == '-'
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	e := 0
	j := i
	for ; j < len(b) && isDigit(b[j]); j++ {
		if e < 1e6 { // far past float64's range, and no overflow
			e = e*10 + int(b[j]-'0')
		}
	}
	d.expDigits = j - i
	if neg {
		e = -e
	}
	d.exp += e
	return j
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// skipDigits is the index of the first byte at or after i that is not a
// decimal digit.
func skipDigits(b []byte, i int) int {
	for i < len(b) && isDigit(b[i]) {
		i++
	}
	return i
}

// float is d's value when it can be had without strconv.ParseFloat,
// which would scan the number again; ok is false otherwise. With at most
// 15 significant digits and a small exponent, the mantissa and the power
// of ten are both exact float64s, and one correctly rounded multiplication
// or division gives the correctly rounded result (ParseFloat's own first
// attempt). Longer numbers (Python's round-tripping 17 digits) are left to
// ParseFloat.
func (d *decimal) float() (float64, bool) {
	if d.sig > 15 {
		return 0, false
	}
	f := float64(d.mant)
	switch {
	case d.mant == 0:
	case 0 <= d.exp && d.exp < len(pow10):
		f *= pow10[d.exp]
	case d.exp < 0 && -d.exp < len(pow10):
		f /= pow10[-d.exp]
	default:
		return 0, false
	}
	if d.neg {
		f = -f
	}
	return f, true
}

// parseFloat is strconv.ParseFloat on b, whose error is reduced to ok.
func parseFloat(b []byte) (float64, bool) {
	// string(b) does not escape, so the conversion does not allocate
	// (for up to 32 bytes, which is every number but freaks).
	v, err := strconv.ParseFloat(string(b), 64)
	return v, err == nil
}

// parseNumber reads a CSV cell as strconv.ParseFloat does; ok is false
// where ParseFloat errs (bad syntax or out of range). Text that cannot be
// a number is refused before ParseFloat sees it, because its error
// allocates, and a column of NA or of dates is no rare thing in a CSV.
func parseNumber(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	var d decimal
	end := scanDecimal(&d, b, 0)
	if end == len(b) && d.intDigits+d.fracDigits > 0 && (!d.expMark || d.expDigits > 0) {
		if v, ok := d.float(); ok {
			return v, true
		}
		return parseFloat(b) // well-formed: only the range can fail
	}
	if v, ok := special(b); ok {
		return v, true
	}
	if hexOrUnderscored(b) {
		return parseFloat(b)
	}
	return 0, false
}

// special reads the words ParseFloat takes for non-finite numbers, in any
// case: nan, and inf or infinity with an optional sign.
func special(b []byte) (float64, bool) {
	if bytes.EqualFold(b, []byte("nan")) {
		return math.NaN(), true
	}
	sign := 1
	if b[0] == '+' || b[0] == '-' {
		if b[0] == '-' {
			sign = -1
		}
		b = b[1:]
	}
	if bytes.EqualFold(b, []byte("inf")) || bytes.EqualFold(b, []byte("infinity")) {
		return math.Inf(sign), true
	}
	return 0, false
}

// hexOrUnderscored reports the rarer forms ParseFloat reads: a hex float
// (0x1p-2) or digits separated by underscores. ParseFloat judges them.
func hexOrUnderscored(b []byte) bool {
	if b[0] == '+' || b[0] == '-' {
		b = b[1:]
	}
	return len(b) > 1 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X') || bytes.IndexByte(b, '_') >= 0
}

// finite reports whether v can be a step: not NaN, not infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
