package watch

import (
	"bytes"
	"context"
	"io"
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
	roots []string
	opts  Options
	mu    sync.Mutex
	runs  []*File
	seen  map[string]bool // paths of the runs found, and of files refused
	real  map[string]bool // the same runs' paths with every symlink resolved
	wg    sync.WaitGroup
	ctx   context.Context
}

// NewDir watches the runs below root; Scan finds the first ones.
func NewDir(root string, opts Options) *Dir { return NewDirs([]string{root}, opts) }

// NewDirs watches the runs below several roots, each run named by its
// path below its root with the root in front (sweepA/lr0.1.jsonl).
func NewDirs(roots []string, opts Options) *Dir {
	return &Dir{roots: roots, opts: opts, seen: map[string]bool{}, real: map[string]bool{}}
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

// Scan walks the trees once and adds the runs not seen before (see
// scan).
func (d *Dir) Scan() {
	var found []*File
	walked := map[string]bool{}
	for _, root := range d.roots {
		sc := scan{d: d, root: root, walked: walked}
		sc.walkRoot()
		found = append(found, sc.found...)
	}
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

// Waiting lists the roots that do not exist (yet), for the screen to
// name while it waits.
func (d *Dir) Waiting() []string {
	var out []string
	for _, r := range d.roots {
		if _, err := os.Stat(r); err != nil {
			out = append(out, r)
		}
	}
	return out
}

// known reports whether path was found (or refused) before.
func (d *Dir) known(path string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.seen[path]
}

// MetricsName reports whether a file name could be a metrics file
// (*.jsonl, *.ndjson, *.csv).
func MetricsName(name string) bool { return metricsName(name) }

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
	head, err := fileHead(path)
	if err != nil || isBinary(head) {
		return false
	}
	line, _, _ := strings.Cut(strings.TrimPrefix(string(head), "\ufeff"), "\n")
	line = strings.TrimSpace(line)
	return len(head) == 0 || strings.HasPrefix(line, "{") || strings.Contains(line, ",")
}

// BinaryFile reports whether the file at path holds binary data (see
// isBinary); false when it cannot be read.
func BinaryFile(path string) bool {
	head, err := fileHead(path)
	return err == nil && isBinary(head)
}

// isBinary reports whether a file's first bytes are binary: no text format
// vaetop reads has a NUL.
func isBinary(head []byte) bool { return bytes.IndexByte(head, 0) >= 0 }

// fileHead is up to the first 4 KiB of the file at path.
func fileHead(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(fh, head)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return head[:n], err
}
