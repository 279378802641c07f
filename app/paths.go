package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/vaetop/vaetop/atomicfile"
	"github.com/vaetop/vaetop/mnist"
)

// A run's files: what it reads and writes. Two roles naming the same file
// would destroy work (JSON appended to a checkpoint, a PNG renamed over
// it), so every pair is refused before anything is opened for writing,
// except --resume X --checkpoint X, which continues the run in place.

// output is one of a run's files and the flag that named it, resolved once
// when the run is planned (atomicfile.Resolved): the checks, the
// collisions, the locks, the clean-up and the opening all go through it.
type output struct {
	flag   string
	writes bool
	run    string // the compared run it belongs to ("": the only run, or all)
	atomicfile.Resolved
	err error // why it could not be resolved
}

func newOutput(flag, path, run string, writes bool) output {
	o := output{flag: flag, writes: writes, run: run}
	if path == "" {
		return o
	}
	o.Resolved, o.err = atomicfile.ResolvePath(path)
	o.Path = path
	return o
}

// who is the role in a message: "--checkpoint", or "[latent 16] --checkpoint".
func (o output) who() string {
	if o.run == "" {
		return o.flag
	}
	return "[" + o.run + "] " + o.flag
}

// regular is where a rename may write the file, or why it cannot.
func (o output) regular() (string, error) {
	if o.err != nil {
		return "", o.err
	}
	return o.Regular()
}

// checkWritable reports whether the file could be written later.
func (o output) checkWritable() error {
	if o.err != nil {
		return o.err
	}
	return o.CheckWritable()
}

// fileID identifies a path: an existing file by its device and inode (so
// hard links, symlinks and ../ spellings all match), a new one by its
// resolved directory and base name.
type fileID struct {
	info fs.FileInfo
	name string
}

func (o output) id() fileID {
	if fi, err := os.Stat(o.Path); err == nil {
		return fileID{info: fi}
	}
	path := o.Path
	if o.err == nil && o.Desc == "" {
		path = o.Target // a symlink to a file still to be created
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	dir := filepath.Dir(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	return fileID{name: filepath.Join(dir, filepath.Base(abs))}
}

func (a fileID) same(b fileID) bool {
	switch {
	case a.info != nil && b.info != nil:
		return os.SameFile(a.info, b.info)
	case a.info == nil && b.info == nil:
		return a.name == b.name
	}
	return false
}

// checkCollisions refuses any two files that are the same, except the
// --resume and --checkpoint of one run.
func checkCollisions(outs []output) error {
	var given []output
	var ids []fileID
	for _, o := range outs {
		if o.Path != "" {
			given = append(given, o)
			ids = append(ids, o.id())
		}
	}
	for i := range given {
		for j := i + 1; j < len(given); j++ {
			a, b := given[i], given[j]
			if !a.writes && !b.writes || !ids[i].same(ids[j]) {
				continue
			}
			if pair := a.flag + " " + b.flag; a.run == b.run && (pair == "--checkpoint --resume" || pair == "--resume --checkpoint") {
				continue
			}
			return usageError{fmt.Sprintf("%s %q and %s %q are the same file; give each its own path", a.who(), a.Path, b.who(), b.Path)}
		}
	}
	return nil
}

// dataFiles are the MNIST files the data directory may hold.
func dataFiles(set *mnist.Set) []output {
	var outs []output
	for _, base := range []string{mnist.TrainImagesFile, mnist.TrainLabelsFile, mnist.TestImagesFile, mnist.TestLabelsFile} {
		for _, name := range []string{base, base + ".gz"} {
			p := filepath.Join(set.Dir, name)
			if _, err := os.Stat(p); err == nil {
				outs = append(outs, newOutput("the data file", p, "", false))
			}
		}
	}
	return outs
}

// checkOutputs runs before the data load: every output can be written and
// no two of the run's files collide.
func (r *plannedRun) checkOutputs() error {
	if p := r.samples.Path; p != "" && !strings.EqualFold(filepath.Ext(p), ".png") {
		return usageError{fmt.Sprintf("--samples %q must end in .png (vaetop writes PNG)", p)}
	}
	if err := checkCollisions(r.outputs()); err != nil {
		return err
	}
	for _, o := range []output{r.checkpoint, r.samples} {
		if o.Path == "" {
			continue
		}
		if err := o.checkWritable(); err != nil {
			return outputError(o.flag, err)
		}
	}
	if !r.pl.compare {
		return r.pl.checkMetrics()
	}
	return nil
}

// checkMetrics vets the metrics file: a regular file, a FIFO, a character
// device or one of our descriptors, and not the dashboard's terminal.
func (pl *pipeline) checkMetrics() error {
	m := pl.metrics
	if m.Path == "" {
		return nil
	}
	if err := checkMetricsPath(m); err != nil {
		return outputError("--metrics", err)
	}
	if fd, ok := m.descriptor(); ok && (fd == 1 || fd == 2) && pl.dash {
		return usageError{fmt.Sprintf("--metrics %q: the dashboard draws on this terminal; add --headless, or give a file", m.Path)}
	}
	return nil
}

// checkOverwrites runs once the data's files are known not to collide:
// nothing the user already has is replaced without --force.
func (r *plannedRun) checkOverwrites() error {
	c := r.c
	if c.force {
		return nil
	}
	if p := r.samples.Path; p != "" && !isPNGOrEmpty(p) {
		return usageError{fmt.Sprintf("--samples %q exists and is not a PNG; give another path, or --force to replace it", p)}
	}
	if ck := r.checkpoint.Path; ck != "" && (c.resume == "" || !r.resume.id().same(r.checkpoint.id())) {
		if fi, err := os.Stat(ck); err == nil && fi.Size() > 0 {
			return usageError{fmt.Sprintf("--checkpoint %q already exists; continue that run with %s, or give --force to overwrite it", ck, r.continueHint())}
		}
	}
	if !r.pl.compare {
		return r.pl.checkMetricsOverwrite(c.resume != "")
	}
	return nil
}

// checkMetricsOverwrite refuses to start anew a metrics file that holds
// lines, unless --force; a resumed run appends to it.
func (pl *pipeline) checkMetricsOverwrite(resuming bool) error {
	m := pl.metrics
	if m.Path == "" || resuming || pl.shared.force || m.Desc != "" {
		return nil
	}
	if fi, err := os.Stat(m.Path); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
		return usageError{fmt.Sprintf("--metrics %q already holds lines; continue that run with --resume, or give --force to start the file anew", m.Path)}
	}
	return nil
}

// continueHint is the flags that continue the run saved in its checkpoint:
// a compared run's are the whole comparison's.
func (r *plannedRun) continueHint() string {
	if r.pl.compare {
		dir := r.pl.shared.opts.Checkpoint
		return "vaetop compare --resume " + shellQuote(dir) + " --checkpoint " + shellQuote(dir) + " and the same runs"
	}
	return continueCommand(r.checkpoint.Path, r.pl.metrics.Path, 0)
}

// isPNGOrEmpty reports whether path is missing, empty or starts like a PNG.
func isPNGOrEmpty(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return true // missing; CheckWritable has vouched for the rest
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	return n == 0 || string(head[:n]) == "\x89PNG\r\n\x1a\n"
}

// outputError words an unusable output path; a special file in place of
// a regular one is a usage error, a missing directory a runtime one.
func outputError(flag string, err error) error {
	if errors.Is(err, atomicfile.ErrNotRegular) || errors.Is(err, atomicfile.ErrDescriptor) {
		return usageError{flag + ": " + err.Error()}
	}
	return fmt.Errorf("%s: %w", flag, err)
}

// shellQuote quotes a path for a command the user may paste: bare when
// it is plain, in single quotes otherwise, and in bash's $'…' with escapes
// when it holds control characters (a newline must not split the line, an
// escape sequence must not reach the terminal).
func shellQuote(s string) string {
	plain := func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=+,:@", r)
	}
	if s != "" && strings.IndexFunc(s, func(r rune) bool { return !plain(r) }) < 0 {
		return s
	}
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	var b strings.Builder
	b.WriteString("$'")
	for _, r := range s {
		switch {
		case r == '\'' || r == '\\':
			b.WriteString(`\` + string(r))
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString("'")
	return b.String()
}
