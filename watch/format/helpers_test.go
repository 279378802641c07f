package format

import (
	"fmt"
	"strings"
)

// results parses lines in order with a new parser for k and describes
// each outcome: "error", "-" (not data), or the record as
// "[run=R ]step a=1 b=2".
func results(k Kind, lines ...string) []string {
	p := New(k)
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = describe(p.Parse([]byte(l)))
	}
	return out
}

func describe(rec *Record, ok bool, err error) string {
	switch {
	case err != nil:
		return "error"
	case !ok:
		if rec != nil {
			return "not data, but a record"
		}
		return "-"
	}
	var b strings.Builder
	if rec.Run != "" {
		fmt.Fprintf(&b, "run=%s ", rec.Run)
	}
	fmt.Fprint(&b, rec.Step)
	for _, v := range rec.Values {
		fmt.Fprintf(&b, " %s=%v", v.Name, v.V)
	}
	return b.String()
}

// same compares results with what a test wants, naming the first line
// that differs.
func same(got, want []string) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d results, want %d: %q", len(got), len(want), got)
	}
	for i := range got {
		if got[i] != want[i] {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, got[i], want[i])
		}
	}
	return ""
}
