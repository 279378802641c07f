package format

import "testing"

const vaetopLine = `{"kind":"epoch","epoch":1,"train_loss":341.31,"train_bce":335.87,"train_kl":5.44,"test_loss":224.25,"test_bce":223.45,"test_kl":0.79,"seconds":0.19,"samples_per_sec":10469.5,"beta":1,"lr":0.001,"steps":16,"active_units":4,"train_rec":335.87,"test_rec":223.45,"run":"latent 8"}`

func TestVaetop(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"compare's line", []string{vaetopLine}, []string{"run=latent 8 1 train_loss=341.31 train_bce=335.87 train_kl=5.44 " +
			"test_loss=224.25 test_bce=223.45 test_kl=0.79 seconds=0.19 samples_per_sec=10469.5 beta=1 lr=0.001 " +
			"steps=16 active_units=4" /* train_rec, test_rec: repeats, not series */}},
		{"other kinds are not data", []string{
			`{"kind":"note","epoch":1,"loss":1}`, `{"epoch":1,"loss":1}`, `{"kind":1,"epoch":1}`,
			`{"kind":"epochs","epoch":1}`, `{"kind":"epoch","epoch":2,"loss":1}`,
		}, []string{"-", "-", "-", "-", "2 loss=1"}},
		{"kind anywhere on the line", []string{`{"epoch":4,"loss":1,"kind":"epoch"}`}, []string{"4 loss=1"}},
		{"null is NaN", []string{`{"kind":"epoch","epoch":2,"test_loss":null,"train_loss":1}`},
			[]string{"2 test_loss=NaN train_loss=1"}},
		{"only epoch is the step", []string{`{"kind":"epoch","epoch":2,"step":5,"iter":6}`}, []string{"2 step=5 iter=6"}},
		{"no epoch: the row's number", []string{`{"kind":"epoch","loss":1}`, `{"kind":"x"}`, `{"kind":"epoch","epoch":null,"loss":2}`},
			[]string{"1 loss=1", "-", "2 loss=2"}},
		{"run", []string{
			`{"kind":"epoch","epoch":1,"run":"a\"b \u00e9"}`, `{"kind":"epoch","epoch":2}`, `{"kind":"epoch","epoch":3,"run":""}`,
		}, []string{`run=a"b é 1`, "2", "3"}},
		{"a run inside an object is no run", []string{`{"kind":"epoch","epoch":1,"x":{"run":"r","kind":"note","y":null}}`},
			[]string{"1 x/y=NaN"}},
		{"malformed", []string{`{"kind":"epoch","ep`, `{"kind":"epoch","epoch":1,"loss":nul}`, `{"kind":"epo`},
			[]string{"error", "error", "error"}},
		{"python tokens as in JSONL", []string{`{"kind":"epoch","epoch":1,"a":NaN,"b":-Infinity}`}, []string{"1 a=NaN b=-Inf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := same(results(Vaetop, tt.lines...), tt.want); d != "" {
				t.Error(d)
			}
		})
	}
}

// TestJSONLNullIsNotAValue: null is NaN in vaetop's file only.
func TestJSONLNullIsNotAValue(t *testing.T) {
	if d := same(results(JSONL, `{"kind":"epoch","epoch":2,"test_loss":null,"run":"r"}`), []string{"2"}); d != "" {
		t.Error(d)
	}
}
