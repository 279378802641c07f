package tui

import (
	"regexp"
	"sort"
	"strings"

	"github.com/vaetop/vaetop/live"
)

// slotOf is the VAE place of a series name (-1: none).
func slotOf(name string) int { return live.SeriesSlot(name) }

// seriesTitle is a chart's title: the VAE place's name, with the file's
// own name after it when that differs.
func seriesTitle(name string) string {
	if i := slotOf(name); i >= 0 && live.SeriesSlots[i].Title != name {
		return live.SeriesSlots[i].Title + " (" + name + ")"
	}
	return name
}

// orderSeries sorts names: the VAE places first in the dashboard's order,
// then the rest by name.
func orderSeries(names []string) {
	sort.SliceStable(names, func(i, j int) bool {
		si, sj := slotOf(names[i]), slotOf(names[j])
		switch {
		case si >= 0 && sj >= 0 && si != sj:
			return si < sj
		case (si >= 0) != (sj >= 0):
			return si >= 0
		}
		return names[i] < names[j]
	})
}

var (
	trainPrefixes = []string{"train_", "train/", "training_", "training/"}
	evalPrefixes  = []string{"val_", "eval_", "test_", "validation_", "val/", "eval/", "test/", "validation/"}
)

// evalPartner is the eval series that pairs with a train series among
// present (loss with val_loss, train_kl with test_kl, x with eval_x), or "".
func evalPartner(name string, present map[string]bool) string {
	base := name
	for _, p := range trainPrefixes {
		if strings.HasPrefix(name, p) {
			base = name[len(p):]
			break
		}
	}
	for _, p := range evalPrefixes {
		if strings.HasPrefix(name, p) {
			return "" // an eval series is a partner, not a lead
		}
	}
	for _, p := range evalPrefixes {
		if present[p+base] {
			return p + base
		}
	}
	return ""
}

// seriesFilter matches series names: a regular expression when the text
// is one, else a substring; both ignore case.
type seriesFilter struct {
	text string
	re   *regexp.Regexp
}

func newSeriesFilter(text string) seriesFilter {
	f := seriesFilter{text: text}
	if re, err := regexp.Compile("(?i)" + text); err == nil {
		f.re = re
	}
	return f
}

func (f seriesFilter) match(name string) bool {
	switch {
	case f.text == "":
		return true
	case f.re != nil:
		return f.re.MatchString(name)
	}
	return strings.Contains(strings.ToLower(name), strings.ToLower(f.text))
}

// chartSpec is one chart of the grid: its lead series and, when train and
// eval are paired, the eval series drawn with it.
type chartSpec struct{ lead, partner string }

// planCharts lays the series names out as charts: filtered, ordered, and
// with eval series folded into their train series' charts when paired.
func planCharts(names []string, f seriesFilter, paired bool) []chartSpec {
	present := map[string]bool{}
	var shown []string
	for _, n := range names {
		if f.match(n) && !present[n] {
			present[n] = true
			shown = append(shown, n)
		}
	}
	orderSeries(shown)
	var out []chartSpec
	folded := map[string]bool{}
	if paired {
		for _, n := range shown {
			if p := evalPartner(n, present); p != "" && !folded[p] {
				folded[p] = true
				out = append(out, chartSpec{n, p})
			}
		}
	}
	var specs []chartSpec
	for _, n := range shown {
		if folded[n] {
			continue
		}
		spec := chartSpec{lead: n}
		for _, o := range out {
			if o.lead == n {
				spec = o
			}
		}
		specs = append(specs, spec)
	}
	return specs
}
