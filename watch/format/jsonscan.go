package format

import (
	"fmt"
	"math"
)

// maxDepth is how deep objects and arrays may nest on a JSON line, the
// line's own object counting as 1. Deeper is malformed; the bound keeps
// the scanner's recursion short.
const maxDepth = 64

// scanner walks one JSON line: the small lexer under the JSONL parser.
// encoding/json is not used because it refuses Python's NaN and Infinity
// and is several times slower than a file being followed needs.
type scanner struct {
	buf []byte
	pos int
}

// syntaxError is a malformed line: what is wrong, and where.
type syntaxError struct {
	off int // byte offset in the line, from 0
	msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("offset %d: %s", e.off, e.msg) }

func (s *scanner) errorf(format string, args ...any) error {
	return &syntaxError{off: s.pos, msg: fmt.Sprintf(format, args...)}
}

// peek is the byte at pos, or 0 (never valid JSON there) at the end.
func (s *scanner) peek() byte {
	if s.pos < len(s.buf) {
		return s.buf[s.pos]
	}
	return 0
}

// ws skips whitespace.
func (s *scanner) ws() {
	for s.pos < len(s.buf) && isSpace(s.buf[s.pos]) {
		s.pos++
	}
}

// expect consumes c, or fails naming what was wanted.
func (s *scanner) expect(c byte, what string) error {
	if s.peek() != c {
		return s.unexpected(what)
	}
	s.pos++
	return nil
}

// unexpected is the error for the byte at pos when what was wanted.
func (s *scanner) unexpected(what string) error {
	if s.pos >= len(s.buf) {
		return s.errorf("line ends where %s was wanted", what)
	}
	return s.errorf("%q where %s was wanted", s.buf[s.pos], what)
}

// lit consumes the literal word (true, false, null, NaN, Infinity).
func (s *scanner) lit(word string) error {
	if len(s.buf)-s.pos < len(word) || string(s.buf[s.pos:s.pos+len(word)]) != word {
		return s.unexpected("a value")
	}
	s.pos += len(word)
	return nil
}

// num reads a number per JSON's grammar, or Python's bare NaN, Infinity
// or -Infinity, at pos. A number out of float64's range is an error, as
// in encoding/json.
func (s *scanner) num() (float64, error) {
	switch s.peek() {
	case 'N':
		return math.NaN(), s.lit("NaN")
	case 'I':
		return math.Inf(1), s.lit("Infinity")
	case '-':
		if s.pos+1 < len(s.buf) && s.buf[s.pos+1] == 'I' {
			s.pos++
			return math.Inf(-1), s.lit("Infinity")
		}
	}
	start := s.pos
	var d decimal
	end := scanDecimal(&d, s.buf, start)
	tok := s.buf[start:end]
	switch {
	case d.intDigits == 0, d.point && d.fracDigits == 0, d.expMark && d.expDigits == 0:
		s.pos = end
		return 0, s.errorf("number %.40q lacks a digit", tok)
	case d.lead == '0' && d.intDigits > 1:
		return 0, s.errorf("number %.40q begins with 0", tok)
	}
	s.pos = end
	if v, ok := d.float(); ok {
		return v, nil
	}
	if v, ok := parseFloat(tok); ok {
		return v, nil
	}
	return 0, &syntaxError{off: start, msg: fmt.Sprintf("number %.40q out of range", tok)}
}

// skip checks and passes over the value at pos, which is no series: a
// string, a literal, a number inside an array, an array, or an object
// inside an array. depth is the nesting of the value's container.
func (s *scanner) skip(depth int) error {
	switch s.peek() {
	case '"':
		_, err := s.str(nil)
		return err
	case '{':
		return s.skipComposite(depth+1, '}')
	case '[':
		return s.skipComposite(depth+1, ']')
	case 't':
		return s.lit("true")
	case 'f':
		return s.lit("false")
	case 'n':
		return s.lit("null")
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'N', 'I':
		_, err := s.num()
		return err
	}
	return s.unexpected("a value")
}

// skipComposite passes over the object or array at pos, which closes with
// end and sits at depth.
func (s *scanner) skipComposite(depth int, end byte) error {
	if depth > maxDepth {
		return s.errorf("nested deeper than %d", maxDepth)
	}
	s.pos++
	s.ws()
	if s.peek() == end {
		s.pos++
		return nil
	}
	for {
		if end == '}' {
			if s.peek() != '"' {
				return s.unexpected("a key")
			}
			if _, err := s.str(nil); err != nil {
				return err
			}
			s.ws()
			if err := s.expect(':', "':'"); err != nil {
				return err
			}
			s.ws()
		}
		if err := s.skip(depth); err != nil {
			return err
		}
		s.ws()
		switch s.peek() {
		case ',':
			s.pos++
			s.ws()
		case end:
			s.pos++
			return nil
		default:
			return s.unexpected("',' or '" + string(end) + "'")
		}
	}
}
