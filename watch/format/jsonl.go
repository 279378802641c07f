package format

// jsonParser reads JSON Lines: generic (JSONL) or vaetop's own file.
//
// Every numeric field is a series, nested objects flattened with '/'
// ({"train":{"loss":1}} gives train/loss). Keys are decoded (escapes
// resolved) before they become names. Strings, booleans, null and arrays
// are skipped. Top-level keys named in stepKeys are the row's x axis, not
// series: the first of them present with a finite number is the step.
type jsonParser struct {
	scanner
	kind   Kind
	names  *names
	runs   *names // vaetop's run names, interned apart from the series'
	vals   valueSet
	rec    Record
	rows   int    // data rows so far
	path   []byte // the enclosing objects' keys, each followed by '/'
	keyBuf []byte // a decoded key
	strBuf []byte // a decoded string value

	// The current line's findings.
	step   float64
	rank   int  // step's rank in stepKeys, noStep when none
	leaves int  // numbers read that are not the step
	epoch  bool // vaetop: "kind" is "epoch"
}

func newJSONParser(k Kind) *jsonParser {
	return &jsonParser{kind: k, names: newNames(maxNames), runs: newNames(maxNames)}
}

// Kind is JSONL or Vaetop.
func (p *jsonParser) Kind() Kind { return p.kind }

// Parse reads one line. See Parser.
func (p *jsonParser) Parse(line []byte) (*Record, bool, error) {
	p.buf, p.pos = trimLine(line), 0
	defer func() { p.buf = nil }() // do not keep the caller's buffer
	p.ws()
	if p.pos == len(p.buf) {
		return nil, false, nil
	}
	if p.peek() != '{' {
		return nil, false, p.unexpected("'{' (a line must be one JSON object)")
	}
	p.vals.reset()
	p.rec.Run, p.rank, p.epoch, p.leaves = "", noStep, false, 0
	if err := p.object(1); err != nil {
		return nil, false, err
	}
	p.ws()
	if p.pos != len(p.buf) {
		return nil, false, p.errorf("%q after the object", p.buf[p.pos])
	}
	if p.kind == Vaetop && !p.epoch || len(p.vals.vals) == 0 && p.rank == noStep {
		return nil, false, nil
	}
	p.rows++
	p.rec.Step = float64(p.rows)
	if p.rank != noStep {
		p.rec.Step = p.step
	}
	p.rec.Values = p.vals.vals
	return &p.rec, true, nil
}

// object reads the object at pos, at depth; its keys' names are prefixed
// by path.
func (p *jsonParser) object(depth int) error {
	if depth > maxDepth {
		return p.errorf("nested deeper than %d", maxDepth)
	}
	p.pos++
	p.ws()
	if p.peek() == '}' {
		p.pos++
		return nil
	}
	for {
		if p.peek() != '"' {
			return p.unexpected("a key")
		}
		key, err := p.str(&p.keyBuf)
		if err != nil {
			return err
		}
		p.ws()
		if err := p.expect(':', "':'"); err != nil {
			return err
		}
		p.ws()
		if err := p.member(key, depth); err != nil {
			return err
		}
		p.ws()
		switch p.peek() {
		case ',':
			p.pos++
			p.ws()
		case '}':
			p.pos++
			return nil
		default:
			return p.unexpected("',' or '}'")
		}
	}
}

// member reads the value of key, a member of an object at depth.
func (p *jsonParser) member(key []byte, depth int) error {
	switch p.peek() {
	case '{':
		n := len(p.path)
		p.path = append(append(p.path, key...), '/')
		err := p.object(depth + 1)
		p.path = p.path[:n]
		return err
	case '"':
		if p.kind == Vaetop && depth == 1 {
			return p.vaetopString(key)
		}
		_, err := p.str(nil)
		return err
	case 'n':
		if p.kind == Vaetop {
			return p.vaetopNull(key, depth)
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'N', 'I':
		v, err := p.num()
		if err == nil {
			p.number(key, depth, v)
		}
		return err
	}
	return p.skip(depth)
}

// number records key's value v: the step or a series.
func (p *jsonParser) number(key []byte, depth int, v float64) {
	if depth == 1 {
		if r := p.stepRank(key); r >= 0 {
			if finite(v) && r <= p.rank { // a repeated key: the last wins
				p.step, p.rank = v, r
			}
			return
		}
	}
	if p.kind == Vaetop && depth == 1 && vaetopRepeat(key) {
		return
	}
	name := key
	if n := len(p.path); n > 0 {
		if n+len(key) > maxNameLen {
			return
		}
		p.path = append(p.path, key...)
		name = p.path
		p.path = p.path[:n]
	}
	if id, s := p.names.idAt(p.leaves, name); id >= 0 {
		p.vals.add(id, s, v)
	}
	p.leaves++
}

// stepRank is key's rank as a step (top-level keys only), or -1.
func (p *jsonParser) stepRank(key []byte) int {
	if p.kind == Vaetop {
		if string(key) == "epoch" {
			return 0
		}
		return -1
	}
	return stepRank(key)
}
