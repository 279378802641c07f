package watch

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/vaetop/vaetop/live"
)

// RescanEvery is how often a Dir walks its tree for new runs; between
// walks, each run only stats its own file.
const RescanEvery = 2 * time.Second

// maxRuns bounds the runs one Dir follows.
const maxRuns = 5000

// Dir finds the runs below a directory and follows each: every metrics
// file (JSON Lines or CSV, told by content) and every Hugging Face output
// dir (a checkpoint-N/trainer_state.json). It is a live.Catalog: runs
// appear as their files do.
type Dir struct {
	root string
	opts Options
	mu   sync.Mutex
	runs []*File
	seen map[string]bool // paths of the runs found, and of files refused
	real map[string]bool // the same runs' paths with every symlink resolved
	wg   sync.WaitGroup
	ctx  context.Context
}

// NewDir watches the runs below root; Scan finds the first ones.
func NewDir(root string, opts Options) *Dir {
	return &Dir{root: root, opts: opts, seen: map[string]bool{}, real: map[string]bool{}}
}

// Sources are the runs found so far, in the order found.
func (d *Dir) Sources() []live.Source {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]live.Source, len(d.runs))
	for i, f := range d.runs {
		out[i] = f
	}
	return out
}

// Len is the number of runs found so far.
func (d *Dir) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.runs)
}

// Run starts following, scans the tree every RescanEvery until ctx is
// done, and returns once every run has stopped.
func (d *Dir) Run(ctx context.Context) {
	d.mu.Lock()
	d.ctx = ctx
	for _, f := range d.runs { // found by a Scan before Run
		d.start(f)
	}
	d.mu.Unlock()
	tick := time.NewTicker(RescanEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			d.wg.Wait()
			return
		case <-tick.C:
			d.Scan()
		}
	}
}

// start runs f's follower; d.mu is held.
func (d *Dir) start(f *File) {
	d.wg.Add(1)
	go func() { defer d.wg.Done(); f.Run(d.ctx) }()
}

// Scan walks the tree once and adds the runs not seen before. Symbolic
// links are followed, to files and to directories (a sweep's "latest"
// link, runs kept on another disk); a directory is walked once a scan
// however many links lead to it, so a link to an ancestor loops no more,
// and a run reached by two paths is one run, named by the first found.
func (d *Dir) Scan() {
	var found []*File
	walked := map[string]bool{}
	dir := d.root // itself a link, maybe
	if real, err := filepath.EvalSymlinks(d.root); err == nil {
		walked[real], dir = true, real
	}
	d.walk(dir, d.root, walked, &found)
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, f := range found {
		if len(d.runs) >= maxRuns {
			break
		}
		d.runs = append(d.runs, f)
		if d.ctx != nil {
			d.start(f)
		}
	}
}

// walk walks the tree at dir, naming what it finds under as (dir itself,
// or the link that led to it).
func (d *Dir) walk(dir, as string, walked map[string]bool, found *[]*File) {
	filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: skipped, the walk goes on
		}
		if rel, err := filepath.Rel(dir, path); err == nil {
			path = filepath.Join(as, rel)
		}
		switch {
		case e.IsDir():
			return d.visitDir(path, found)
		case e.Type()&fs.ModeSymlink != 0:
			d.visitLink(path, walked, found)
		case e.Name() == TrainerStateName: // a run saved without checkpoints
			d.takeHF(filepath.Dir(path), found)
		case e.Type().IsRegular():
			if f := d.visitFile(path); f != nil {
				*found = append(*found, f)
			}
		}
		return nil
	})
}

// visitLink follows a symbolic link: a directory is walked under the
// link's name unless this scan walked it already, a file is visited.
func (d *Dir) visitLink(path string, walked map[string]bool, found *[]*File) {
	fi, err := os.Stat(path)
	if err != nil {
		return // dangling, or a loop of links
	}
	if !fi.IsDir() {
		if fi.Mode().IsRegular() {
			if f := d.visitFile(path); f != nil {
				*found = append(*found, f)
			}
		}
		return
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil || walked[real] || d.visitDir(path, found) == filepath.SkipDir {
		return
	}
	walked[real] = true
	d.walk(real, path, walked, found)
}

// visitDir skips hidden dirs, and takes a checkpoint-N dir's parent as
// one Hugging Face run (the checkpoints are not walked). Telling a Hugging
// Face dir by its children as the walk meets them costs no read of a
// directory beyond the walk's own.
func (d *Dir) visitDir(path string, found *[]*File) error {
	base := filepath.Base(path)
	if path != d.root && strings.HasPrefix(base, ".") {
		return filepath.SkipDir
	}
	if _, ok := checkpointNumber(base); ok && path != d.root {
		d.takeHF(filepath.Dir(path), found)
		return filepath.SkipDir
	}
	return nil
}

// takeHF adds dir as a Hugging Face run unless it was found before.
func (d *Dir) takeHF(dir string, found *[]*File) {
	if !d.claim(dir) {
		return
	}
	opts := d.opts
	opts.Label = d.label(dir)
	*found = append(*found, NewHF(dir, opts))
}

// visitFile takes a regular file as a metrics file, told by its name
// and first line.
func (d *Dir) visitFile(path string) *File {
	if !metricsName(filepath.Base(path)) {
		return nil
	}
	d.mu.Lock()
	known := d.seen[path]
	d.mu.Unlock()
	if known || !d.claim(path) || !looksLikeMetrics(path) {
		return nil // a file refused once is not read again
	}
	opts := d.opts
	opts.Label = d.label(path)
	return New(path, opts)
}

// claim marks path as found; false when it was already, by this path or
// (through symbolic links) by another. Only a path not seen before has
// its links resolved.
func (d *Dir) claim(path string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.seen[path] {
		return false
	}
	d.seen[path] = true
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		real = path
	}
	if d.real[real] {
		return false
	}
	d.real[real] = true
	return true
}

// label names a run by its path below the root: a file called metrics.*
// by its directory (Lightning's version_N), a root run by the root's name.
func (d *Dir) label(path string) string {
	rel, err := filepath.Rel(d.root, path)
	if err != nil {
		return path
	}
	if base := filepath.Base(rel); strings.HasPrefix(base, "metrics.") && filepath.Dir(rel) != "." {
		rel = filepath.Dir(rel)
	}
	if rel == "." {
		return filepath.Base(d.root)
	}
	return filepath.ToSlash(rel)
}

// metricsName reports whether a file name could be a metrics file.
func metricsName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson", ".csv":
		return true
	}
	return false
}

// looksLikeMetrics reads a file's first line: a JSON object, or a CSV
// header with at least two columns. An empty file is taken (its writer
// has just begun).
func looksLikeMetrics(path string) bool {
	fh, err := os.Open(path)
	if err != nil {
		return false
	}
	defer fh.Close()
	head := make([]byte, 4096)
	n, _ := fh.Read(head)
	line, _, _ := strings.Cut(strings.TrimPrefix(string(head[:n]), "\ufeff"), "\n")
	line = strings.TrimSpace(line)
	return n == 0 || strings.HasPrefix(line, "{") || strings.Contains(line, ",")
}
