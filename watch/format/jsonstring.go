package format

import (
	"unicode/utf16"
	"unicode/utf8"
)

// str reads the JSON string at pos (its opening quote) and returns its
// content. With dst nil the string is only checked. Otherwise it is
// decoded as encoding/json decodes it: escapes resolved, a lone surrogate
// or an invalid UTF-8 byte becoming U+FFFD. A string with nothing to
// decode is returned in place; any other is decoded into *dst.
func (s *scanner) str(dst *[]byte) ([]byte, error) {
	s.pos++ // the opening quote
	start := s.pos
	escaped, high := false, false
	for s.pos < len(s.buf) {
		c := s.buf[s.pos]
		switch {
		case c == '"':
			raw := s.buf[start:s.pos]
			s.pos++
			if dst == nil || !escaped && (!high || utf8.Valid(raw)) {
				return raw, nil
			}
			*dst = decodeString((*dst)[:0], raw)
			return *dst, nil
		case c == '\\':
			if err := s.escape(); err != nil {
				return nil, err
			}
			escaped = true
			continue
		case c < 0x20:
			return nil, s.errorf("control character %q in a string", c)
		case c >= utf8.RuneSelf:
			high = true
		}
		s.pos++
	}
	return nil, s.errorf("unterminated string")
}

// escape checks and consumes the escape sequence at pos.
func (s *scanner) escape() error {
	s.pos++ // the backslash
	switch s.peek() {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		s.pos++
		return nil
	case 'u':
		s.pos++
		if len(s.buf)-s.pos >= 4 && hex4(s.buf[s.pos:]) >= 0 {
			s.pos += 4
			return nil
		}
		return s.errorf(`\u without four hex digits`)
	}
	return s.unexpected("an escape character")
}

// hex4 is the value of b's first four bytes as hex digits, or -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// unescaped is what a one-character escape stands for.
var unescaped = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// decodeString appends raw, a string's checked content, decoded to dst.
func decodeString(dst, raw []byte) []byte {
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\\' && raw[i+1] == 'u':
			r := hex4(raw[i+2:])
			i += 6
			if utf16.IsSurrogate(r) {
				// A pair takes the next \u too; a lone half is U+FFFD.
				r2 := rune(-1)
				if i+1 < len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					r2 = hex4(raw[i+2:])
				}
				if r = utf16.DecodeRune(r, r2); r != utf8.RuneError {
					i += 6
				}
			}
			dst = utf8.AppendRune(dst, r)
		case c == '\\':
			dst = append(dst, unescaped[raw[i+1]])
			i += 2
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, n := utf8.DecodeRune(raw[i:])
			dst = utf8.AppendRune(dst, r) // U+FFFD for an invalid byte
			i += n
		}
	}
	return dst
}
