package watch

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// scan is one walk of one root of a Dir. Symbolic links are followed, to
// files and to directories (a sweep's "latest" link, runs kept on another
// disk, the root itself); a directory is walked once a scan however many
// links lead to it (walked is shared by the roots), so a link to an
// ancestor loops no more, and a run reached by two paths is one run,
// named by the first found (Dir.claim).
type scan struct {
	d      *Dir
	root   string
	walked map[string]bool // real paths of the directories walked
	found  []*File
}

// walkRoot walks the root, itself maybe a link. A root that turned out
// to be a file (waited for as a directory, then written as a file) is
// that file's run.
func (sc *scan) walkRoot() {
	if st, err := os.Stat(sc.root); err == nil && st.Mode().IsRegular() {
		if sc.d.claim(sc.root) {
			opts := sc.d.opts
			opts.Label = filepath.Base(sc.root)
			sc.found = append(sc.found, New(sc.root, opts))
		}
		return
	}
	dir := sc.root
	if real, err := filepath.EvalSymlinks(sc.root); err == nil {
		if sc.walked[real] {
			return // given twice, through a link
		}
		sc.walked[real], dir = true, real
	}
	sc.walk(dir, sc.root)
}

// walk walks the tree at dir, naming what it finds under as (dir itself,
// or the link that led to it).
func (sc *scan) walk(dir, as string) {
	filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: skipped, the walk goes on
		}
		if rel, err := filepath.Rel(dir, path); err == nil {
			path = filepath.Join(as, rel)
		}
		switch {
		case e.IsDir():
			return sc.visitDir(path)
		case e.Type()&fs.ModeSymlink != 0:
			sc.visitLink(path)
		case e.Name() == TrainerStateName: // a run saved without checkpoints
			sc.takeHF(filepath.Dir(path))
		case e.Type().IsRegular():
			sc.visitFile(path)
		}
		return nil
	})
}

// visitLink follows a symbolic link: a directory is walked under the
// link's name unless this scan walked it already, a file is visited.
func (sc *scan) visitLink(path string) {
	fi, err := os.Stat(path)
	if err != nil {
		return // dangling, or a loop of links
	}
	if !fi.IsDir() {
		if fi.Mode().IsRegular() {
			sc.visitFile(path)
		}
		return
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil || sc.walked[real] || sc.visitDir(path) == filepath.SkipDir {
		return
	}
	sc.walked[real] = true
	sc.walk(real, path)
}

// visitDir skips hidden dirs, and takes a checkpoint-N dir's parent as
// one Hugging Face run (the checkpoints are not walked). Telling a Hugging
// Face dir by its children as the walk meets them costs no read of a
// directory beyond the walk's own.
func (sc *scan) visitDir(path string) error {
	base := filepath.Base(path)
	if path != sc.root && strings.HasPrefix(base, ".") {
		return filepath.SkipDir
	}
	if _, ok := checkpointNumber(base); ok && path != sc.root {
		sc.takeHF(filepath.Dir(path))
		return filepath.SkipDir
	}
	return nil
}

// takeHF adds dir as a Hugging Face run unless it was found before.
func (sc *scan) takeHF(dir string) {
	if !sc.d.claim(dir) {
		return
	}
	opts := sc.d.opts
	opts.Label = sc.label(dir)
	sc.found = append(sc.found, NewHF(dir, opts))
}

// visitFile takes a regular file as a metrics file, told by its name and
// first line; a file refused once is not read again.
func (sc *scan) visitFile(path string) {
	if !metricsName(filepath.Base(path)) || sc.d.known(path) || !sc.d.claim(path) || !looksLikeMetrics(path) {
		return
	}
	opts := sc.d.opts
	opts.Label = sc.label(path)
	sc.found = append(sc.found, New(path, opts))
}

// label names a run by its path below the root: a file called metrics.*
// by its directory (Lightning's version_N), a root run by the root's
// name. With several roots, the root as given goes in front.
func (sc *scan) label(path string) string {
	rel, err := filepath.Rel(sc.root, path)
	if err != nil {
		return path
	}
	if base := filepath.Base(rel); strings.HasPrefix(base, "metrics.") && filepath.Dir(rel) != "." {
		rel = filepath.Dir(rel)
	}
	switch {
	case rel == "." && len(sc.d.roots) > 1:
		return filepath.ToSlash(filepath.Clean(sc.root))
	case rel == ".":
		return filepath.Base(sc.root)
	case len(sc.d.roots) > 1:
		return filepath.ToSlash(filepath.Join(sc.root, rel))
	}
	return filepath.ToSlash(rel)
}
