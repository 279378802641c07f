package trainer

import (
	"io"
)

// writeMetric writes m as one JSON line. A non-finite figure (a test loss
// can overflow) is written as null: encoding/json would refuse it, losing
// the line, and null is what JSON readers take for a missing number.
func writeMetric(w io.Writer, m EpochMetric) error {
	b, err := marshalFlat(m, nonFiniteAsNull)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
