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

// fileRole is one path of a run and the flag that named it.
type fileRole struct {
	flag, path string
	writes     bool
	run        string // the compared run it belongs to ("": the only run, or all)
}

// who is the role in a message: "--checkpoint", or "[latent 16] --checkpoint".
func (r fileRole) who() string {
	if r.run == "" {
		return r.flag
	}
	return "[" + r.run + "] " + r.flag
}

// fileID identifies a path: an existing file by its device and inode (so
// hard links, symlinks and ../ spellings all match), a new one by its
// resolved directory and base name.
type fileID struct {
	info fs.FileInfo
	name string
}

func identify(path string) fileID {
	if fi, err := os.Stat(path); err == nil {
		return fileID{info: fi}
	}
	if target, err := atomicfile.Target(path); err == nil {
		path = target // a symlink to a file still to be created
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

// checkCollisions refuses any two roles that name the same file, except
// --resume and --checkpoint of one run.
func checkCollisions(roles []fileRole) error {
	var live []fileRole
	var ids []fileID
	for _, r := range roles {
		if r.path != "" {
			live = append(live, r)
			ids = append(ids, identify(r.path))
		}
	}
	for i := range live {
		for j := i + 1; j < len(live); j++ {
			a, b := live[i], live[j]
			if !a.writes && !b.writes || !ids[i].same(ids[j]) {
				continue
			}
			if pair := a.flag + " " + b.flag; a.run == b.run && (pair == "--checkpoint --resume" || pair == "--resume --checkpoint") {
				continue
			}
			return usageError{fmt.Sprintf("%s %q and %s %q are the same file; give each its own path", a.who(), a.path, b.who(), b.path)}
		}
	}
	return nil
}

// outputRoles are the files a run writes, and the checkpoint it reads.
func (c *config) outputRoles(checkpoint string) []fileRole {
	return []fileRole{
		{"--checkpoint", checkpoint, true, c.runName},
		{"--resume", c.resume, false, c.runName},
		{"--metrics", c.metrics, true, ""},
		{"--samples", c.samples, true, c.runName},
	}
}

// dataRoles are the MNIST files the data directory may hold.
func dataRoles(set *mnist.Set) []fileRole {
	var roles []fileRole
	for _, base := range []string{mnist.TrainImagesFile, mnist.TrainLabelsFile, mnist.TestImagesFile, mnist.TestLabelsFile} {
		for _, name := range []string{base, base + ".gz"} {
			p := filepath.Join(set.Dir, name)
			if _, err := os.Stat(p); err == nil {
				roles = append(roles, fileRole{"the data file", p, false, ""})
			}
		}
	}
	return roles
}

// checkOutputs runs before the data load: every output can be written, no
// two roles collide, and nothing the user already has would be replaced
// without --force.
func (c *config) checkOutputs(checkpoint string) error {
	if c.samples != "" && !strings.EqualFold(filepath.Ext(c.samples), ".png") {
		return usageError{fmt.Sprintf("--samples %q must end in .png (vaetop writes PNG)", c.samples)}
	}
	if err := checkCollisions(c.outputRoles(checkpoint)); err != nil {
		return err
	}
	for _, out := range []struct{ flag, path string }{{"--checkpoint", checkpoint}, {"--samples", c.samples}} {
		if out.path == "" {
			continue
		}
		if err := atomicfile.CheckWritable(out.path); err != nil {
			return outputError(out.flag, err)
		}
	}
	if c.metrics != "" {
		if err := checkMetricsPath(c.metrics); err != nil {
			return outputError("--metrics", err)
		}
		if fd, ok := isMetricsDescriptor(c.metrics); ok && (fd == 1 || fd == 2) && c.dashboard {
			return usageError{fmt.Sprintf("--metrics %q: the dashboard draws on this terminal; add --headless, or give a file", c.metrics)}
		}
	}
	return nil
}

// checkOverwrites runs once the data's files are known not to collide:
// nothing the user already has is replaced without --force.
func (c *config) checkOverwrites(checkpoint string) error {
	if c.force {
		return nil
	}
	if c.samples != "" && !isPNGOrEmpty(c.samples) {
		return usageError{fmt.Sprintf("--samples %q exists and is not a PNG; give another path, or --force to replace it", c.samples)}
	}
	if checkpoint != "" && (c.resume == "" || !identify(c.resume).same(identify(checkpoint))) {
		if fi, err := os.Stat(checkpoint); err == nil && fi.Size() > 0 {
			return usageError{fmt.Sprintf("--checkpoint %q already exists; continue that run with %s, or give --force to overwrite it", checkpoint, c.continueHint(checkpoint))}
		}
	}
	if _, desc := isMetricsDescriptor(c.metrics); c.metrics != "" && c.resume == "" && !desc {
		if fi, err := os.Stat(c.metrics); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
			return usageError{fmt.Sprintf("--metrics %q already holds lines; continue that run with --resume, or give --force to start the file anew", c.metrics)}
		}
	}
	return nil
}

// continueHint is the flags that continue the run saved in checkpoint: a
// compared run's are the whole comparison's.
func (c *config) continueHint(checkpoint string) string {
	if c.compareDir != "" {
		return "vaetop compare --resume " + shellQuote(c.compareDir) + " --checkpoint " + shellQuote(c.compareDir) + " and the same runs"
	}
	return continueCommand(checkpoint, c.metrics, 0)
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
