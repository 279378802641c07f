package trainer

import (
	"io"

	"github.com/vaetop/vaetop/live"
)

// writeMetric writes m as one JSON line. A non-finite figure (a test loss
// can overflow) is written as null: encoding/json would refuse it, losing
// the line, and null is what JSON readers take for a missing number.
//
// train_bce and test_bce hold the reconstruction loss whichever it is (MSE
// under --loss mse): files that users already parse keep working. The
// same figures follow as train_rec and test_rec, named for what they hold.
func writeMetric(w io.Writer, m live.EpochMetric) error {
	line, err := MetricLine(m)
	if err != nil {
		return err
	}
	_, err = w.Write(line)
	return err
}

// MetricLine is m as the metrics file's line, newline included.
func MetricLine(m live.EpochMetric) ([]byte, error) {
	b, err := marshalFlat(m, nonFiniteAsNull)
	if err != nil {
		return nil, err
	}
	rec, err := marshalFlat(recPair{m.TrainRec, m.TestRec}, nonFiniteAsNull)
	if err != nil {
		return nil, err
	}
	line := append(b[:len(b)-1], ',') // b and rec are JSON objects: join them
	return append(append(line, rec[1:]...), '\n'), nil
}

// recPair is the metrics line's train_rec and test_rec.
type recPair struct {
	TrainRec float64 `json:"train_rec"`
	TestRec  float64 `json:"test_rec"`
}
