package trainer

import (
	"encoding/json"
	"io"
)

// writeMetric writes m as one JSON line.
func writeMetric(w io.Writer, m EpochMetric) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
