package trainer

import (
	"bytes"
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vaetop/vaetop/live"
)

func sampleMetric() live.EpochMetric {
	return live.EpochMetric{Kind: "epoch", Epoch: 3, TrainLoss: 101.25, TrainRec: 99.5, TrainKL: 1.75, TestLoss: 1e-7,
		TestRec: 3, TestKL: 0.1, Seconds: 2.5, SamplesPerSec: 24000, Beta: 1, LR: 1e-3, Steps: 1407}
}

// For finite values the flat encoding is byte for byte encoding/json's, so
// the metrics file and old checkpoints keep their keys and number format.
func TestMarshalFlatMatchesEncodingJSON(t *testing.T) {
	for _, v := range []any{sampleMetric(), epochSums{Loss: 1.5, Rec: 1, KL: 0.5, Images: 7}} {
		want, _ := json.Marshal(v)
		for _, style := range []nonFiniteStyle{nonFiniteAsText, nonFiniteAsNull} {
			got, err := marshalFlat(v, style)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("marshalFlat(%T) = %s, %v; encoding/json gives %s", v, got, err, want)
			}
		}
	}
}

func TestWriteMetricWritesNonFiniteAsNull(t *testing.T) {
	m := sampleMetric()
	m.TestLoss, m.TestRec, m.TrainKL = math.NaN(), math.Inf(1), math.Inf(-1)
	var buf bytes.Buffer
	if err := writeMetric(&buf, m); err != nil {
		t.Fatal(err)
	}
	line := buf.String()
	if strings.Count(line, "\n") != 1 || !strings.HasSuffix(line, "\n") || !json.Valid([]byte(line)) {
		t.Fatalf("metrics line %q is not one line of valid JSON", line)
	}
	var got map[string]any
	json.Unmarshal([]byte(line), &got)
	for _, k := range []string{"test_loss", "test_bce", "train_kl"} {
		if v, ok := got[k]; !ok || v != nil {
			t.Errorf("%s: got %v (present %v), want null", k, v, ok)
		}
	}
	for _, k := range []string{"kind", "epoch", "train_loss", "train_bce", "test_kl", "seconds", "samples_per_sec", "beta", "lr", "steps"} {
		if _, ok := got[k]; !ok {
			t.Errorf("key %s missing from %s", k, line)
		}
	}
	if got["train_loss"] != 101.25 || got["kind"] != "epoch" {
		t.Errorf("finite figures changed: %s", line)
	}
}

// A run whose history holds NaN and ±Inf still saves, and the checkpoint
// reads back with those values.
func TestCheckpointKeepsNonFiniteHistory(t *testing.T) {
	tr, data := tinyTrainer(t)
	h := &tr.history[0]
	h.TestLoss, h.TestRec, h.TrainKL = math.NaN(), math.Inf(1), math.Inf(-1)
	path := filepath.Join(t.TempDir(), "ck")
	if err := tr.saveTo(path); err != nil {
		t.Fatalf("saving a history with NaN and Inf: %v", err)
	}
	ck, err := ReadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	g := ck.History[0]
	if !math.IsNaN(g.TestLoss) || !math.IsInf(g.TestRec, 1) || !math.IsInf(g.TrainKL, -1) || g.TrainLoss != h.TrainLoss || g.Steps != h.Steps {
		t.Fatalf("history read back as %+v, saved %+v", g, *h)
	}
	o := ck.Options
	o.Epochs = 2
	if _, err := FromCheckpoint(ck, o, data); err != nil {
		t.Fatalf("resuming: %v", err)
	}
}

func TestUnmarshalFlatRefusesOtherStrings(t *testing.T) {
	var m live.EpochMetric
	for _, s := range []string{`{"test_loss":"nan"}`, `{"test_loss":"1.5"}`, `{"test_loss":"Infinity"}`} {
		if err := unmarshalFlat([]byte(s), &m, "m"); err == nil {
			t.Errorf("%s accepted", s)
		}
	}
	if err := unmarshalFlat([]byte(`{"test_loss":"-Inf","epoch":2}`), &m, "m"); err != nil || !math.IsInf(m.TestLoss, -1) || m.Epoch != 2 {
		t.Errorf("got %+v, %v", m, err)
	}
}

// Non-finite sums cannot come from training (only finite steps are added)
// but must not make the checkpoint unwritable; reading refuses them.
func TestCheckpointWithNonFiniteSumsIsWrittenAndRefused(t *testing.T) {
	tr, _ := tinyTrainer(t)
	tr.sums.Loss = math.Inf(1)
	path := filepath.Join(t.TempDir(), "ck")
	if err := tr.saveTo(path); err != nil {
		t.Fatalf("saving sums with Inf: %v", err)
	}
	_, err := ReadCheckpoint(path)
	if want := "sums.Loss +Inf must be finite"; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want an error containing %q", err, want)
	}
}
