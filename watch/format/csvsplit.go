package format

import (
	"bytes"
	"errors"
)

var (
	errOpenQuote  = errors.New(`a quoted field does not end on its line`)
	errAfterQuote = errors.New(`text after a quoted field's closing quote`)
)

// nextField reads the CSV field that starts at line[i:]. A field quoted
// per RFC 4180 ("a,b", "" for a quote) is returned without its quotes and
// with "" left doubled, and quoted says so; spaces around the quotes are
// allowed. An unquoted field is returned as it is, spaces and all; a quote
// inside it is an ordinary character. next is where the following field
// starts, or -1 after the line's last field.
func nextField(line []byte, i int) (field []byte, quoted bool, next int, err error) {
	j := skipBlanks(line, i)
	if j == len(line) || line[j] != '"' {
		k := bytes.IndexByte(line[i:], ',')
		if k < 0 {
			return line[i:], false, -1, nil
		}
		return line[i : i+k], false, i + k + 1, nil
	}
	k := j + 1
	for {
		q := bytes.IndexByte(line[k:], '"')
		if q < 0 {
			return nil, false, -1, errOpenQuote
		}
		k += q
		if k+1 < len(line) && line[k+1] == '"' { // "" inside
			k += 2
			continue
		}
		break
	}
	field = line[j+1 : k]
	switch m := skipBlanks(line, k+1); {
	case m == len(line):
		return field, true, -1, nil
	case line[m] == ',':
		return field, true, m + 1, nil
	}
	return nil, false, -1, errAfterQuote
}

// skipBlanks is the index of the first byte at or after i that is not a
// space or a tab.
func skipBlanks(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}

// trimBlanks drops spaces and tabs around b.
func trimBlanks(b []byte) []byte {
	b = b[skipBlanks(b, 0):]
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// headerName is a header field as a column name: unquoted and trimmed.
func headerName(field []byte, quoted bool) []byte {
	if quoted {
		field = bytes.ReplaceAll(field, []byte(`""`), []byte(`"`))
	}
	return trimBlanks(field)
}
