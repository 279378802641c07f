package format

import (
	"math"
	"strings"
	"testing"
)

// hfState is a trainer_state.json as transformers writes it (indent 2),
// with a NaN grad norm, an eval entry, and the final summary when done.
func hfState(done bool) string {
	s := `{
  "best_metric": null,
  "epoch": 1.0,
  "eval_steps": 20,
  "global_step": 40,
  "is_world_process_zero": true,
  "log_history": [
    {
      "epoch": 0.25,
      "grad_norm": 3.5,
      "learning_rate": 5e-05,
      "loss": 2.31,
      "step": 10
    },
    {
      "epoch": 0.5,
      "grad_norm": NaN,
      "learning_rate": 4e-05,
      "loss": 1.9,
      "step": 20
    },
    {
      "epoch": 0.5,
      "eval_loss": 1.7,
      "eval_runtime": 0.5,
      "eval_samples_per_second": 400.0,
      "step": 20
    }`
	if done {
		s += `,
    {
      "epoch": 1.0,
      "step": 40,
      "total_flos": 1234.0,
      "train_loss": 1.8,
      "train_runtime": 12.5,
      "train_samples_per_second": 90.1
    }`
	}
	return s + `
  ],
  "logging_steps": 10,
  "trial_name": "NaN in a string",
  "trial_params": null
}
`
}

func TestTrainerState(t *testing.T) {
	st, err := ParseTrainerState([]byte(hfState(false)))
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Records) != 3 || st.Finished {
		t.Fatalf("%d records, finished %v; want 3, false", len(st.Records), st.Finished)
	}
	got := map[string]float64{}
	for _, v := range st.Records[1].Values {
		got[v.Name] = v.V
	}
	if st.Records[1].Step != 20 || got["loss"] != 1.9 || !math.IsNaN(got["grad_norm"]) || len(got) != 3 {
		t.Errorf("second entry: step %v, values %v", st.Records[1].Step, got)
	}
	if e := st.Records[2]; e.Step != 20 || e.Values[0].Name != "eval_loss" {
		t.Errorf("eval entry %+v", e)
	}
	done, err := ParseTrainerState([]byte(hfState(true)))
	if err != nil || !done.Finished || len(done.Records) != 3 {
		t.Errorf("finished state: %v, finished %v, %d records", err, done.Finished, len(done.Records))
	}
}

func TestTrainerStateBad(t *testing.T) {
	for _, doc := range []string{"", "[]", `{"log_history": 3}`, `{"a": 1}`, hfState(false)[:200]} {
		if _, err := ParseTrainerState([]byte(doc)); err == nil {
			t.Errorf("%.40q: no error", doc)
		}
	}
	st, err := ParseTrainerState([]byte(strings.Replace(hfState(false), `"loss": 2.31`, `"loss": 2.31.5`, 1)))
	if err == nil && st.Skipped == 0 {
		t.Error("a malformed entry was neither an error nor skipped")
	}
}

func FuzzTrainerState(f *testing.F) {
	f.Add([]byte(hfState(true)))
	f.Add([]byte(`{"log_history":[{"step":1,"loss":NaN}]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		st, err := ParseTrainerState(doc)
		if err != nil {
			return
		}
		for _, r := range st.Records {
			for _, v := range r.Values {
				if v.Name == "" {
					t.Fatal("empty name")
				}
			}
		}
	})
}
