package format

import (
	"bytes"
	"fmt"
)

// csvParser reads a CSV file with a header: Lightning's, Keras' or any.
//
// The first non-blank line is the header. Each later line is one row, with
// exactly as many fields as the header. A cell that is empty, NA or not a
// number is missing; numbers are what strconv.ParseFloat reads, which
// includes nan, inf and infinity in any case (a number out of float64's
// range is missing too). Columns named in stepKeys are x axes, not series:
// a row's step is the first of them, in stepKeys' order, that holds a
// finite number on that row.
type csvParser struct {
	kind   Kind
	names  *names
	header []byte   // the header line, to know it if it comes again
	cols   []column // nil until the header is read
	vals   valueSet
	rec    Record
	rows   int // data rows so far
}

// column is what the header says of one column.
type column struct {
	name string
	id   int32 // the name's number; -1 when the name is not a series
	rank int   // the name's rank in stepKeys, -1 when not a step
}

func newCSVParser(k Kind) *csvParser {
	return &csvParser{kind: k, names: newNames(maxNames)}
}

// Kind is Lightning, Keras or CSV.
func (p *csvParser) Kind() Kind { return p.kind }

// Parse reads one line. See Parser. A line equal to the header, met again,
// is read as the header anew (ok false) rather than as a malformed row.
func (p *csvParser) Parse(line []byte) (*Record, bool, error) {
	line = trimLine(line)
	if blank(line) {
		return nil, false, nil
	}
	if p.cols == nil || bytes.Equal(line, p.header) {
		return nil, false, p.setHeader(line)
	}
	return p.row(line)
}

// setHeader reads the header line. A malformed header is not kept: the
// next line is tried as the header instead.
func (p *csvParser) setHeader(line []byte) error {
	cols := p.cols[:0]
	for i := 0; i >= 0; {
		f, quoted, next, err := nextField(line, i)
		if err != nil {
			p.cols = nil
			return fmt.Errorf("header: %w", err)
		}
		i = next
		name := headerName(f, quoted)
		c := column{id: -1, rank: stepRank(name)}
		if c.rank < 0 {
			c.id, c.name = p.names.id(name)
		}
		cols = append(cols, c)
	}
	p.cols = cols
	p.header = append(p.header[:0], line...)
	return nil
}

// row reads a data row.
func (p *csvParser) row(line []byte) (*Record, bool, error) {
	p.vals.reset()
	step, rank := 0.0, noStep
	n := 0
	for i := 0; i >= 0; n++ {
		f, _, next, err := nextField(line, i)
		if err != nil {
			return nil, false, err
		}
		i = next
		if n >= len(p.cols) {
			return nil, false, fmt.Errorf("a row with more fields than the header's %d", len(p.cols))
		}
		v, ok := parseNumber(trimBlanks(f))
		switch c := p.cols[n]; {
		case !ok:
		case c.rank >= 0:
			if c.rank <= rank && finite(v) { // a repeated column: the last wins
				step, rank = v, c.rank
			}
		case c.id >= 0:
			p.vals.add(c.id, c.name, v)
		}
	}
	if n != len(p.cols) {
		return nil, false, fmt.Errorf("a row of %d fields under a header of %d", n, len(p.cols))
	}
	if len(p.vals.vals) == 0 && rank == noStep {
		return nil, false, nil
	}
	p.rows++
	p.rec.Step = float64(p.rows)
	if rank != noStep {
		p.rec.Step = step
	}
	p.rec.Values = p.vals.vals
	return &p.rec, true, nil
}
