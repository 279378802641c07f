package widget

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/vaetop/vaetop/live"
)

// FmtNum prints a loss-like figure in at most about 7 characters.
func FmtNum(v float64) string {
	a := math.Abs(v)
	switch {
	case !live.Finite(v):
		return fmt.Sprint(v)
	case a == 0:
		return "0"
	case a >= 1e6 || a < 1e-3:
		return fmt.Sprintf("%.2e", v)
	case a >= 1000:
		return fmt.Sprintf("%.0f", v)
	case a >= 100:
		return fmt.Sprintf("%.1f", v)
	case a >= 10:
		return fmt.Sprintf("%.2f", v)
	default:
		return fmt.Sprintf("%.3f", v)
	}
}

// FmtParam prints β or a learning rate compactly: 1, 0.5, 1e-03.
func FmtParam(v float64) string {
	if v != 0 && math.Abs(v) < 0.01 {
		return fmt.Sprintf("%.0e", v)
	}
	return fmt.Sprintf("%.4g", v)
}

// FmtCount prints a step count: 987, 12.3k, 1.2M.
func FmtCount(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e6:
		return fmt.Sprintf("%.1fM", v/1e6)
	case a >= 1e4:
		return fmt.Sprintf("%.0fk", v/1e3)
	case a >= 1e3:
		return fmt.Sprintf("%.1fk", v/1e3)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}

// FmtDuration prints 45s, 3m05s, 1h02m.
func FmtDuration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	default:
		return fmt.Sprintf("%dh%02dm", s/3600, (s%3600)/60)
	}
}

// Fit pads or truncates a possibly styled line to exactly w cells. It
// measures the string, so call it when building cached blocks, not per frame.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := ansi.StringWidth(s)
	if n > w {
		s = ansi.Truncate(s, w, "…")
		n = ansi.StringWidth(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// FitLines makes lines exactly h lines of exactly w cells.
func FitLines(lines []string, w, h int) []string {
	out := make([]string, h)
	blank := strings.Repeat(" ", max(w, 0))
	for i := range out {
		if i < len(lines) {
			out[i] = Fit(lines[i], w)
		} else {
			out[i] = blank
		}
	}
	return out
}

// BlankLines returns h lines of w spaces.
func BlankLines(w, h int) []string { return FitLines(nil, w, h) }

// Center places s in the middle of a w-cell line.
func Center(s string, w int) string {
	n := ansi.StringWidth(s)
	if n >= w {
		return Fit(s, w)
	}
	left := (w - n) / 2
	return Fit(strings.Repeat(" ", left)+s, w)
}

// PadLeft right-aligns s in w cells, counting runes (s is unstyled).
func PadLeft(s string, w int) string {
	if n := len([]rune(s)); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// FixedDecimals prints v with exactly d decimals ("2.50").
func FixedDecimals(v float64, d int) string { return strconv.FormatFloat(v, 'f', d, 64) }

// sciDigit prints v with one significant digit, as 1e-03.
func sciDigit(v float64) string { return strconv.FormatFloat(v, 'e', 0, 64) }
