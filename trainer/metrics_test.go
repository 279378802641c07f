package trainer

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/vaetop/vaetop/live"
)

// The metrics line keeps train_bce/test_bce for the files users parse, and
// adds train_rec/test_rec, named for what they hold.
func TestMetricsLineHasBothNames(t *testing.T) {
	var b bytes.Buffer
	m := live.EpochMetric{Kind: "epoch", Epoch: 3, TrainLoss: 120, TrainRec: 100.5, TrainKL: 19.5, TestRec: 98.25}
	if err := writeMetric(&b, m); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil || !bytes.HasSuffix(b.Bytes(), []byte("}\n")) {
		t.Fatalf("not one JSON line: %q (%v)", b.String(), err)
	}
	for k, want := range map[string]float64{"train_bce": 100.5, "train_rec": 100.5, "test_bce": 98.25, "test_rec": 98.25, "epoch": 3} {
		if got[k] != want {
			t.Errorf("%s = %v, want %v", k, got[k], want)
		}
	}
}
