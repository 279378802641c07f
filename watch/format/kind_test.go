package format

import "testing"

func TestKindNames(t *testing.T) {
	for k, name := range map[Kind]string{Auto: "auto", JSONL: "jsonl", Vaetop: "vaetop", Lightning: "lightning",
		Keras: "keras", CSV: "csv", Kind(42): "Kind(42)", Kind(-1): "Kind(-1)"} {
		if got := k.String(); got != name {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, name)
		}
		if k < Auto || k > CSV {
			continue
		}
		if got, err := ParseKind(name); got != k || err != nil {
			t.Errorf("ParseKind(%q) = %v, %v", name, got, err)
		}
	}
	if got, err := ParseKind("JSONL"); got != JSONL || err != nil {
		t.Errorf(`ParseKind("JSONL") = %v, %v`, got, err)
	}
	_, err := ParseKind("x")
	const want = `unknown format "x" (want auto, jsonl, vaetop, csv, lightning or keras)`
	if err == nil || err.Error() != want {
		t.Errorf("ParseKind(%q) error %v, want %s", "x", err, want)
	}
}

func TestNew(t *testing.T) {
	for _, k := range []Kind{JSONL, Vaetop, Lightning, Keras, CSV} {
		if got := New(k).Kind(); got != k {
			t.Errorf("New(%v).Kind() = %v", k, got)
		}
	}
	for k, msg := range map[Kind]string{Auto: "format: New(Auto)", Kind(9): "format: New(Kind(9))"} {
		func() {
			defer func() {
				if r := recover(); r != msg {
					t.Errorf("New(%d) panicked with %v, want %q", int(k), r, msg)
				}
			}()
			New(k)
		}()
	}
}
