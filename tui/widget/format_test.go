package widget

import (
	"math"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

func TestFmtNum(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {123.456, "123.5"}, {12.345, "12.35"}, {0.5, "0.500"},
		{1234.5, "1234"}, {1e-5, "1.00e-05"}, {math.NaN(), "NaN"},
	} {
		if got := FmtNum(c.v); got != c.want {
			t.Errorf("FmtNum(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestFmtParamCountDuration(t *testing.T) {
	if got := FmtParam(0.001); got != "1e-03" {
		t.Errorf("FmtParam(0.001) = %q", got)
	}
	if got := FmtParam(1.5); got != "1.5" {
		t.Errorf("FmtParam(1.5) = %q", got)
	}
	if got := FmtCount(12345); got != "12k" {
		t.Errorf("fmtCount = %q", got)
	}
	if got := FmtDuration(185 * time.Second); got != "3m05s" {
		t.Errorf("fmtDuration = %q", got)
	}
	if got := FmtDuration(3725 * time.Second); got != "1h02m" {
		t.Errorf("fmtDuration = %q", got)
	}
}

func TestFitPadsAndTruncates(t *testing.T) {
	if got := Fit("abc", 5); got != "abc  " {
		t.Errorf("pad: %q", got)
	}
	if got := Fit("abcdef", 4); ansi.StringWidth(got) != 4 {
		t.Errorf("truncate: %q", got)
	}
	styled := "\x1b[1mbold\x1b[0m"
	if got := Fit(styled, 6); ansi.StringWidth(got) != 6 || ansi.Strip(got) != "bold  " {
		t.Errorf("styled: %q", got)
	}
	lines := FitLines([]string{"a"}, 3, 2)
	if len(lines) != 2 || lines[0] != "a  " || lines[1] != "   " {
		t.Errorf("fitLines: %q", lines)
	}
}
