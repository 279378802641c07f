package format

import (
	"bytes"
	"fmt"
)

// Value is one series' value on a row.
type Value struct {
	Name string
	V    float64
}

// Record is one data row.
type Record struct {
	Run    string  // the "run" field of vaetop compare's file, else ""
	Step   float64 // from the row's step key or column, else the data row's number (1, 2, …)
	Values []Value // the numeric fields, in the order found; overwritten by the next Parse
}

// Parser reads one file's lines in order; it keeps state (a CSV header, the
// row count). A Parser is not safe for concurrent use.
type Parser interface {
	// Kind is the format the parser reads.
	Kind() Kind
	// Parse reads one complete line without its '\n' (a trailing '\r' is
	// dropped, and so is a UTF-8 byte order mark that begins it).
	// ok false and err nil: not data (blank line, a CSV header, a vaetop
	// line whose kind is not "epoch", a line with no number at all).
	// err non-nil: malformed; the caller skips the line and counts it.
	// Never panics on any input. The record and its Values belong to the
	// parser and are overwritten by the next Parse.
	Parse(line []byte) (rec *Record, ok bool, err error)
}

// New returns a parser for k. k must be a format, not Auto: run Detect
// first.
func New(k Kind) Parser {
	switch k {
	case JSONL, Vaetop:
		return newJSONParser(k)
	case Lightning, Keras, CSV:
		return newCSVParser(k)
	case Auto:
		panic("format: New(Auto)")
	}
	panic(fmt.Sprintf("format: New(%v)", k))
}

// stepKeys are the names of x axes, most preferred first: a row's step
// comes from the first of them it holds, and none of them is a series.
var stepKeys = [...]string{"step", "global_step", "iteration", "iter", "_step", "epoch"}

// noStep is the step rank of a row without a step.
const noStep = len(stepKeys)

// stepRank is name's place in stepKeys, or -1 when it is a series' name.
func stepRank(name []byte) int {
	for i, k := range stepKeys {
		if string(name) == k {
			return i
		}
	}
	return -1
}

// bom is the UTF-8 byte order mark some editors and Excel put first.
var bom = []byte("\xef\xbb\xbf")

// trimLine drops a trailing '\r' (CRLF files) and a leading byte order mark.
func trimLine(line []byte) []byte {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return bytes.TrimPrefix(line, bom)
}

// isSpace reports JSON's whitespace, which is also what a blank line holds.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// blank reports whether line holds nothing but whitespace.
func blank(line []byte) bool {
	for _, c := range line {
		if !isSpace(c) {
			return false
		}
	}
	return true
}
