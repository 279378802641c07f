package format

import "testing"

// TestNoAllocs: once a file's names are known, a line costs no allocation
// (a malformed line may: its error is built).
func TestNoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	tests := []struct {
		kind  Kind
		lines []string
	}{
		{JSONL, []string{`{"step": 1, "loss": 0.6931471805599453, "kl": 1.5e-3}`,
			`{"step": 2, "loss": NaN, "train": {"kl": -Infinity, "acc": 0.25}, "note": "x\"y", "tags": [1, "a"]}`,
			`{"step": 3, "loss": 12345678901234567890123456789, "k\u00e9y": 1}`, ``, `{}`}},
		{Vaetop, []string{vaetopLine, `{"kind":"epoch","epoch":2,"test_loss":null,"run":"latent 16"}`, `{"kind":"note"}`}},
		{CSV, []string{"epoch,step,train_loss,val_loss", "0,49,0.6931471805599453,", "0,99,,NA", `"1",149,nan,"0.5"`, "2,2024-01-01,1.2.3,e5", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String(), func(t *testing.T) {
			p := New(tt.kind)
			lines := make([][]byte, len(tt.lines))
			for i, l := range tt.lines {
				lines[i] = []byte(l)
				p.Parse(lines[i]) // learn the names; the CSV header
			}
			for _, line := range lines[1:] {
				allocs := testing.AllocsPerRun(100, func() {
					if _, _, err := p.Parse(line); err != nil {
						t.Fatalf("%q: %v", line, err)
					}
				})
				if allocs != 0 {
					t.Errorf("%q: %v allocations", line, allocs)
				}
			}
		})
	}
}
