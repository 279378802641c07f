package watch

import (
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/watch/format"
)

// pointBatch gathers the points read since the last publish, a list per
// series of each run part, in the order the series first appeared. (The
// hub counts the non-finite values.)
type pointBatch struct {
	series []live.SeriesPoints
	index  map[[2]string]int
	// byPos remembers which series the value at each position of the
	// last record went to: rows nearly always repeat their names in the
	// same order, so most values skip the map.
	byPos []int
}

// add appends a record's values at its step.
func (b *pointBatch) add(rec *format.Record) {
	if b.index == nil {
		b.index = map[[2]string]int{}
	}
	for pos, v := range rec.Values {
		i := b.seriesAt(pos, rec.Run, v.Name)
		sp := &b.series[i]
		sp.Points = append(sp.Points, live.Point{Step: rec.Step, V: v.V})
	}
}

// seriesAt is the index of the series of part and name, the value at
// position pos of its record.
func (b *pointBatch) seriesAt(pos int, part, name string) int {
	if pos < len(b.byPos) {
		if i := b.byPos[pos]; i < len(b.series) && b.series[i].Name == name && b.series[i].Part == part {
			return i
		}
	}
	k := [2]string{part, name}
	i, ok := b.index[k]
	if !ok {
		i = len(b.series)
		b.index[k] = i
		b.series = append(b.series, live.SeriesPoints{Part: part, Name: name})
	}
	for len(b.byPos) <= pos {
		b.byPos = append(b.byPos, -1)
	}
	b.byPos[pos] = i
	return i
}

// take hands the batch over and starts a new one; the hub keeps the
// slices, so they are not reused.
func (b *pointBatch) take() []live.SeriesPoints {
	out := b.series
	b.series, b.byPos = nil, b.byPos[:0]
	clear(b.index)
	return out
}

// reset forgets the batch: the file starts over.
func (b *pointBatch) reset() { b.take() }
