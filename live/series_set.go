package live

// seriesKey names one series of one part of a run.
type seriesKey struct{ part, name string }

// seriesSet is a run's named series, each a bounded SeriesBuf, in the
// order they first appeared.
type seriesSet struct {
	order []seriesKey
	bufs  map[seriesKey]*SeriesBuf
}

// add appends each batch to its series.
func (s *seriesSet) add(batches []SeriesPoints) {
	for _, sp := range batches {
		s.buf(sp.Part, sp.Name).Append(sp.Points)
	}
}

func (s *seriesSet) buf(part, name string) *SeriesBuf {
	k := seriesKey{part, name}
	if b, ok := s.bufs[k]; ok {
		return b
	}
	if s.bufs == nil {
		s.bufs = map[seriesKey]*SeriesBuf{}
	}
	b := NewSeriesBuf(SeriesLimit)
	s.bufs[k] = b
	s.order = append(s.order, k)
	return b
}

// batches copies every series out, in order; counts are the producer's
// totals of non-finite values (a subscriber's pending buffer counts only
// what it holds).
func (s *seriesSet) batches(counts *seriesSet) []SeriesPoints {
	out := make([]SeriesPoints, 0, len(s.order))
	for _, k := range s.order {
		b := s.bufs[k]
		sp := SeriesPoints{Part: k.part, Name: k.name, Points: b.Points(), NonFinite: b.NonFinite}
		if c, ok := counts.bufs[k]; ok {
			sp.NonFinite = c.NonFinite
		}
		out = append(out, sp)
	}
	return out
}

// truncateAfter forgets every series' points after step.
func (s *seriesSet) truncateAfter(step float64) {
	for _, b := range s.bufs {
		b.TruncateAfter(step)
	}
}

// clone is a deep copy (a late subscriber's first batch).
func (s *seriesSet) clone() seriesSet {
	var c seriesSet
	for _, k := range s.order {
		b := s.bufs[k]
		nb := c.buf(k.part, k.name)
		nb.X = append(nb.X, b.X...)
		nb.Y = append(nb.Y, b.Y...)
		nb.NonFinite = b.NonFinite
	}
	return c
}

// stepSeries are the trainer's own step metrics as named series, so that
// a viewer of named series draws a training run like any other.
func stepSeries(ms []StepMetric) []SeriesPoints {
	if len(ms) == 0 {
		return nil
	}
	names := [...]string{"loss", "rec", "kl", "grad_norm"}
	out := make([]SeriesPoints, len(names))
	for i, n := range names {
		out[i] = SeriesPoints{Name: n, Points: make([]Point, len(ms))}
	}
	for j, m := range ms {
		x := float64(m.Step)
		for i, v := range [...]float64{m.Loss, m.Rec, m.KL, m.GradNorm} {
			out[i].Points[j] = Point{x, v}
		}
	}
	return out
}
