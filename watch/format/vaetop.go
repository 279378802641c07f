package format

import "math"

// vaetop's own metrics file is JSON Lines read by jsonParser, with three
// differences from generic JSONL: only lines whose "kind" is "epoch" are
// data, the step is "epoch" alone, and null is a number, NaN, because
// vaetop writes a non-finite figure (say, an overflowing test loss) as
// null. vaetop compare's file adds each line's "run", a string.
// train_rec and test_rec repeat train_bce and test_bce (under names that
// say what they hold), so they are not series of their own.

// vaetopRepeat reports whether key repeats another field of the line.
func vaetopRepeat(key []byte) bool {
	return string(key) == "train_rec" || string(key) == "test_rec"
}

// vaetopString reads the string value of the top-level key.
func (p *jsonParser) vaetopString(key []byte) error {
	switch string(key) {
	case "kind":
		s, err := p.str(&p.strBuf)
		p.epoch = string(s) == "epoch"
		return err
	case "run":
		s, err := p.str(&p.strBuf)
		if err == nil {
			p.rec.Run = p.runs.str(s)
		}
		return err
	}
	_, err := p.str(nil)
	return err
}

// vaetopNull reads the null value of key: the number NaN.
func (p *jsonParser) vaetopNull(key []byte, depth int) error {
	if err := p.lit("null"); err != nil {
		return err
	}
	p.number(key, depth, math.NaN())
	return nil
}
