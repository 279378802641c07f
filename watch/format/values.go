package format

// valueSet collects one row's values. A name given twice on a row keeps
// its first place and its last value, as encoding/json does with a repeated
// key. Names are told apart by their interned number, so this costs no
// lookup beyond the interning and no time quadratic in the row's width.
type valueSet struct {
	vals  []Value
	stamp []uint32 // per name number: the row that last set it
	slot  []int32  // per name number: its index in vals on that row
	row   uint32
}

// reset starts a new row.
func (s *valueSet) reset() {
	s.vals = s.vals[:0]
	s.row++
	if s.row == 0 { // wrapped: forget every stamp
		clear(s.stamp)
		s.row = 1
	}
}

// add sets name (whose number is id) to v on this row.
func (s *valueSet) add(id int32, name string, v float64) {
	if int(id) >= len(s.stamp) {
		n := max(int(id)+1, 2*len(s.stamp))
		s.stamp = append(s.stamp, make([]uint32, n-len(s.stamp))...)
		s.slot = append(s.slot, make([]int32, n-len(s.slot))...)
	}
	if s.stamp[id] == s.row {
		s.vals[s.slot[id]].V = v
		return
	}
	s.stamp[id], s.slot[id] = s.row, int32(len(s.vals))
	s.vals = append(s.vals, Value{Name: name, V: v})
}
