package format

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds on the series' names a parser keeps, so that a file which names
// something new on every line (or holds a huge key) cannot grow memory
// without end. Past them, new names are skipped: not an error, no value.
const (
	maxNames   = 4096 // distinct names per parser
	maxNameLen = 256  // bytes in one name, flattened path included
)

// names interns series' names, so that a line costs no allocation once its
// names have been seen, and numbers them for valueSet.
type names struct {
	ids  map[string]int32
	list []string
	max  int
	memo []int32 // per place on a line: the number of the name last there
}

// maxMemo bounds names.memo: the places on a line that are remembered.
const maxMemo = 256

func newNames(max int) *names {
	return &names{ids: make(map[string]int32), max: max}
}

// id returns b's number and string, interning b if it is new; -1 when b is
// empty, too long, or new to a full table.
func (t *names) id(b []byte) (int32, string) {
	if id, ok := t.ids[string(b)]; ok { // does not allocate
		return id, t.list[id]
	}
	if len(b) == 0 || len(b) > maxNameLen || len(t.list) >= t.max {
		return -1, ""
	}
	key := string(b)
	s := printable(key)
	if id, ok := t.ids[s]; ok { // shown alike: one series
		t.ids[key] = id
		return id, s
	}
	id := int32(len(t.list))
	t.ids[key], t.ids[s] = id, id
	t.list = append(t.list, s)
	return id, s
}

// str is b as a string, interned while the table has room.
func (t *names) str(b []byte) string {
	if id, s := t.id(b); id >= 0 {
		return s
	}
	return string(b)
}

// idAt is id for the name at place n on a line (the n-th value). A file's
// lines mostly name the same series in the same order, so the name last
// seen at that place is checked first: comparing is cheaper than hashing.
func (t *names) idAt(n int, b []byte) (int32, string) {
	if n < len(t.memo) {
		if id := t.memo[n]; id >= 0 && t.list[id] == string(b) {
			return id, t.list[id]
		}
	}
	id, s := t.id(b)
	if id >= 0 && n < maxMemo {
		for len(t.memo) <= n {
			t.memo = append(t.memo, -1)
		}
		t.memo[n] = id
	}
	return id, s
}

// printable is name with control characters (a newline, an escape
// sequence a writer put in a key) replaced by U+FFFD: names go to
// terminals, local and remote, as chart titles.
func printable(name string) string {
	if !strings.ContainsFunc(name, unicode.IsControl) {
		return name
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return utf8.RuneError
		}
		return r
	}, name)
}
