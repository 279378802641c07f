package tui

import "github.com/vaetop/vaetop/live"

// seriesEntry is one named series of one part of a run, as drawn: its
// bounded history, the producer's count of its non-finite values, and a
// scratch slice its smoothed line is computed into.
type seriesEntry struct {
	part, name string
	buf        *live.SeriesBuf
	nonFinite  int
	ema        []float64
}

// seriesStore is a run's named series in the order they first came.
type seriesStore struct {
	entries []*seriesEntry
	index   map[[2]string]*seriesEntry
	// version counts changes, so that screens rebuild their layout of
	// series only when the set or the data changed.
	version int
}

// take adds a snapshot's series; reset forgets everything first (the
// producer started over).
func (s *seriesStore) take(batches []live.SeriesPoints, reset bool) {
	if reset {
		s.entries, s.index = nil, nil
		s.version++
	}
	for _, sp := range batches {
		e := s.entry(sp.Part, sp.Name)
		e.buf.Append(sp.Points)
		e.nonFinite = sp.NonFinite
	}
	if len(batches) > 0 {
		s.version++
	}
}

func (s *seriesStore) entry(part, name string) *seriesEntry {
	k := [2]string{part, name}
	if e, ok := s.index[k]; ok {
		return e
	}
	if s.index == nil {
		s.index = map[[2]string]*seriesEntry{}
	}
	e := &seriesEntry{part: part, name: name, buf: live.NewSeriesBuf(live.SeriesLimit)}
	s.index[k] = e
	s.entries = append(s.entries, e)
	return e
}

// lookup is the series name of part, or nil.
func (s *seriesStore) lookup(part, name string) *seriesEntry { return s.index[[2]string{part, name}] }

// truncateAfter forgets the points after step (a rollback).
func (s *seriesStore) truncateAfter(step int64) {
	for _, e := range s.entries {
		e.buf.TruncateAfter(float64(step))
	}
	s.version++
}

// parts are the run's parts in the order they first came.
func (s *seriesStore) parts() []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range s.entries {
		if !seen[e.part] {
			seen[e.part] = true
			out = append(out, e.part)
		}
	}
	return out
}

// smoothed is e's EMA with weight alpha on the past, computed into e's
// scratch slice. It is debiased as TensorBoard's is (divided by 1-alpha^n
// over the n finite values so far), so that the first values do not drag
// the line of a sparse log, and it restarts at each segment. A non-finite
// value leaves it where it was.
func (e *seriesEntry) smoothed(alpha float64) []float64 {
	e.ema = e.ema[:0]
	x := e.buf.X
	acc, weight := 0.0, 0.0
	for i, v := range e.buf.Y {
		if i > 0 && x[i] < x[i-1] {
			acc, weight = 0, 0
		}
		if live.Finite(v) {
			acc = alpha*acc + (1-alpha)*v
			weight = alpha*weight + (1 - alpha)
		}
		if weight == 0 {
			e.ema = append(e.ema, v)
			continue
		}
		e.ema = append(e.ema, acc/weight)
	}
	return e.ema
}
