package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/shlex"
)

// vaetop compare [shared flags] 'RUN FLAGS' 'RUN FLAGS' ...: each quoted
// argument is one run's flags, spelled as for a single run, read after the
// shared flags with the same flag set, so that the run's own win.

// Runs a comparison may hold.
const (
	minCompareRuns = 2
	maxCompareRuns = 6
)

// maxDerivedName is the longest name made from a run's flags, in
// characters (a --name is at most maxNameLen).
const maxDerivedName = 80

// compareRun is one run of a comparison, as the command line gives it.
type compareRun struct {
	spec  string  // the quoted argument, as given
	name  string  // for people: "latent 16", "base", or its --name
	file  string  // name made safe for a file name: "latent-16"
	c     *config // the shared flags, then the run's own
	named bool    // the name is the user's (--name), not made from the flags
}

// parseCompare reads vaetop compare's arguments: the shared flags (as a
// config of their own) and the runs. Its errors are one line; a run's name
// the argument it came from.
func parseCompare(args []string, out io.Writer) (*config, []*compareRun, error) {
	shared := newConfig()
	help := false
	fs := shared.flagSet(&help)
	sharedArgs, specs := splitCompareArgs(fs, args)
	if err := fs.Parse(sharedArgs); err != nil {
		return nil, nil, usageError{oneLine(err)}
	}
	if _, err := shared.finish(fs, help, out); err != nil {
		return nil, nil, err
	}
	if shared.explicit["name"] {
		return nil, nil, usageError{"--name names one run: give it inside that run's quotes, e.g. '--latent 16 --name small'"}
	}
	if n := len(specs); n < minCompareRuns || n > maxCompareRuns {
		hint := ""
		if last := lastOneWordRunFlag(sharedArgs, fs); n < minCompareRuns && last != "" {
			hint = fmt.Sprintf(" (%s was read as a flag for every run: put -- before the runs if it is a run of its own)", last)
		}
		return nil, nil, usageError{fmt.Sprintf("%s given%s; compare takes %d to %d, each run's flags in one quoted argument, e.g. vaetop compare --epochs 10 '--latent 16' '--latent 64'", plural(n, "run"), hint, minCompareRuns, maxCompareRuns)}
	}
	if last := lastOneWordRunFlag(sharedArgs, fs); last != "" && !containsArg(args, "--") {
		shared.notes = append(shared.notes, fmt.Sprintf("note: %s is read as a flag for every run; if it is a run of its own, put -- before the runs", last))
	}
	if last := specs[len(specs)-1]; len(specs) > minCompareRuns && strings.HasPrefix(last, "-") && strings.Contains(last, "=") && !strings.ContainsAny(last, " \t") {
		// '--latent 16' '--latent 64' --train-limit=512: meant for every run?
		shared.notes = append(shared.notes, fmt.Sprintf("note: %s, after the runs, is a run of its own; flags for every run go before the first run", escapeControls(last)))
	}
	var runs []*compareRun
	for i, spec := range specs {
		if f := fs.Lookup(strings.TrimLeft(spec, "-")); f != nil && strings.HasPrefix(spec, "-") && !isBoolFlag(f) {
			// '--epochs 2' '--epochs 3' --train-limit 256: a shared
			// flag after the runs, split from its value.
			given := spec
			if i+1 < len(specs) {
				given += " " + specs[i+1]
			}
			return nil, nil, usageError{fmt.Sprintf("%s comes after the runs: flags for every run go before the first run, a run's own inside its quotes", escapeControls(given))}
		}
		r, err := parseRun(sharedArgs, spec, out)
		if err != nil {
			return nil, nil, usageError{fmt.Sprintf("run %d ('%s'): %s", i+1, escapeControls(spec), err.Error())}
		}
		runs = append(runs, r)
	}
	if err := nameRuns(runs); err != nil {
		return nil, nil, err
	}
	return shared, runs, nil
}

// splitCompareArgs cuts compare's arguments where the runs begin: at "--"
// (dropped), or at the first argument that is not a flag or a flag's value.
// An argument holding a space, or an empty one, is a run ('--latent 16',
// ”); so is any other that does not start with "-". A run of one word
// ('--batchnorm') right after the shared flags reads as a shared flag: put
// "--" before the runs, or put it after another run.
func splitCompareArgs(fs *flag.FlagSet, args []string) (shared, runs []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return args[:i], args[i+1:]
		}
		if len(a) < 2 || a[0] != '-' || strings.ContainsAny(a, " \t\n\r\v\f") {
			return args[:i], args[i:]
		}
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && !isBoolFlag(f) {
			i++ // its value
		}
	}
	return args, nil
}

// lastOneWordRunFlag is the last shared argument when it is one word that
// could have been a quoted run of its own ('--batchnorm', '--latent=8'):
// a flag about the model or recipe given without a separate value.
func lastOneWordRunFlag(shared []string, fs *flag.FlagSet) string {
	if len(shared) == 0 {
		return ""
	}
	a := shared[len(shared)-1]
	name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
	f := fs.Lookup(name)
	if f == nil || resumeTable[name].role == thisProcessOnly || !hasValue && !isBoolFlag(f) {
		return ""
	}
	return a
}

func containsArg(args []string, a string) bool {
	for _, x := range args {
		if x == a {
			return true
		}
	}
	return false
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// parseRun reads one run's flags after the shared ones. Its errors are
// the problem alone; parseCompare says which run.
func parseRun(sharedArgs []string, spec string, out io.Writer) (*compareRun, error) {
	words, err := shlex.Split(spec)
	if err != nil {
		return nil, errors.New(shlexError(err))
	}
	// The run's own flags first, alone: what it may set, and its name.
	own := newConfig()
	help := false
	ofs := own.flagSet(&help)
	if err := ofs.Parse(words); err != nil {
		return nil, errors.New(oneLine(err))
	}
	if ofs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q (flags are --name value)", escapeControls(ofs.Arg(0)))
	}
	var shared []string
	ofs.Visit(func(f *flag.Flag) {
		if resumeTable[f.Name].role == thisProcessOnly && f.Name != "name" {
			shared = append(shared, "--"+f.Name)
		}
	})
	if len(shared) > 0 {
		return nil, fmt.Errorf("%s %s for all runs: give %s before the runs, outside the quotes", joinAnd(shared), isAre(len(shared)), itThem(len(shared)))
	}
	c := newConfig()
	fs := c.flagSet(&help)
	if err := fs.Parse(sharedArgs); err != nil {
		return nil, errors.New(oneLine(err)) // parseCompare has read them: not reached
	}
	if err := fs.Parse(words); err != nil {
		return nil, errors.New(oneLine(err))
	}
	if _, err := c.finish(fs, false, out); err != nil {
		return nil, err
	}
	name := own.opts.Label
	if name == "" {
		name = specName(ofs, words)
	}
	return &compareRun{spec: spec, name: name, c: c, named: own.opts.Label != ""}, nil
}

// shlexError words shlex's errors.
func shlexError(err error) string {
	switch msg := err.Error(); {
	case strings.Contains(msg, "closing quote"):
		return "a quote is not closed"
	case strings.Contains(msg, "escape character"):
		return "it ends in a backslash"
	default:
		return escapeControls(msg)
	}
}

// specName names a run by its own flags, without dashes and with their
// values: '--latent 16' is "latent 16", '--batchnorm' "batchnorm",
// '--dropout=0.5 --batchnorm' "dropout 0.5 batchnorm"; no flags is
// "base". words have parsed.
func specName(fs *flag.FlagSet, words []string) string {
	var parts []string
	for i := 0; i < len(words); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(words[i], "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			continue // not reached: the words have parsed
		}
		if !hasValue && !isBoolFlag(f) && i+1 < len(words) {
			i++
			value, hasValue = words[i], true
		}
		if name == "name" {
			continue
		}
		if isBoolFlag(f) && hasValue {
			if b, err := strconv.ParseBool(value); err == nil && b {
				hasValue = false // --batchnorm=true is "batchnorm"
			}
		}
		if hasValue {
			name += " " + value
		}
		parts = append(parts, name)
	}
	name := escapeControls(strings.Join(strings.Fields(strings.Join(parts, " ")), " "))
	if name == "" {
		return "base"
	}
	if utf8.RuneCountInString(name) > maxDerivedName {
		name = string([]rune(name)[:maxDerivedName-1]) + "…"
	}
	return name
}

// nameRuns sets every run's file name. Names the user gave (--name) are
// kept as they are, and two that would share a file are an error; a name
// made from the flags that meets a name again, given or made, takes a
// suffix: "latent 16", "latent 16 2".
func nameRuns(runs []*compareRun) error {
	taken := map[string]int{} // file name → run number
	for i, r := range runs {
		if !r.named {
			continue
		}
		f := safeFileName(r.name)
		if j, ok := taken[f]; ok {
			return usageError{fmt.Sprintf("runs %d and %d are named %q and %q, one file name (%s): give names that differ in more than case and punctuation", j, i+1, runs[j-1].name, r.name, f)}
		}
		taken[f], r.file = i+1, f
	}
	for i, r := range runs {
		if r.named {
			continue
		}
		base := r.name
		for n := 2; taken[safeFileName(r.name)] > 0; n++ {
			r.name = fmt.Sprintf("%s %d", base, n)
		}
		r.file = safeFileName(r.name)
		taken[r.file] = i + 1
	}
	return nil
}

// safeFileName is a run's name as a file name: lower case, spaces as '-',
// other characters than letters, digits, '.', '_' and '-' as '_', and no
// leading '.' (no hidden files, no "..").
func safeFileName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		default:
			b.WriteByte('_')
		}
	}
	s := b.String()
	if strings.HasPrefix(s, ".") {
		s = "_" + s[1:]
	}
	return s
}

// joinAnd is "--a", "--a and --b", "--a, --b and --c".
func joinAnd(items []string) string {
	items = slices.Clone(items)
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
