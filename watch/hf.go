package watch

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vaetop/vaetop/watch/format"
)

// TrainerStateName is the file a Hugging Face Trainer writes into each
// checkpoint-N directory of its output dir (and into the dir itself at
// the end).
const TrainerStateName = "trainer_state.json"

// HFFormat is the format a Hugging Face run's status reports.
const HFFormat = "hf trainer"

// maxStateBytes bounds a trainer_state.json read whole.
const maxStateBytes = 64 << 20

// NewHF follows a Hugging Face output dir: its newest
// checkpoint-N/trainer_state.json (the Trainer rewrites it at each save,
// in a new directory, and deletes old ones under save_total_limit), or
// the dir's own when there is no checkpoint.
func NewHF(dir string, opts Options) *File {
	f := newFile(dir, opts)
	f.status.Format = HFFormat
	f.src = &hfSource{dir: dir}
	return f
}

// hfSource reads the newest trainer_state.json whole when it changes.
type hfSource struct {
	dir       string
	shown     stateFile // the file read last
	bad       stateFile // the newest file, when it did not parse
	published int       // log_history entries published
	lastStep  float64   // the step of the last one
}

// stateFile is a trainer_state.json as it was when looked at.
type stateFile struct {
	path  string
	size  int64
	mtime time.Time
}

func (s *hfSource) close() {}

// read rereads the newest state when it is new or changed. One that does
// not parse (caught half-written: the Trainer writes it in place; or
// truncated by a full disk) is passed over for the next newest, and tried
// again once it changes; when none parses, the status says why.
func (s *hfSource) read(f *File) (changed, more bool) {
	paths := statesNewestFirst(s.dir)
	if len(paths) == 0 {
		return f.takeExistence(false, nil), false
	}
	var lastErr error
	for _, path := range paths {
		fi, err := os.Stat(path)
		if err != nil {
			continue
		}
		now := stateFile{path, fi.Size(), fi.ModTime()}
		if now == s.bad {
			continue
		}
		if now == s.shown {
			f.look(fi.ModTime(), false)
			return f.takeExistence(true, nil), false
		}
		st, err := readState(path)
		if err != nil {
			s.bad, lastErr = now, err
			continue
		}
		changed = f.takeExistence(true, nil)
		f.look(fi.ModTime(), true)
		s.shown = now
		f.status.Path = path
		s.take(f, st)
		return true, false
	}
	if lastErr == nil {
		return false, false // the bad one, unchanged, and nothing older
	}
	return f.takeExistence(true, fmt.Errorf("%s: %v", filepath.Base(filepath.Dir(s.bad.path))+"/"+TrainerStateName, lastErr)), false
}

// take publishes the entries not published yet; a history that is not a
// continuation of the last one (a new run in the same dir) starts over.
func (s *hfSource) take(f *File, st format.TrainerState) {
	recs := st.Records
	if len(recs) < s.published || s.published > 0 && recs[s.published-1].Step != s.lastStep {
		f.restart()
		s.published = 0
	}
	for i := s.published; i < len(recs); i++ {
		f.take(&recs[i])
	}
	s.published = len(recs)
	if len(recs) > 0 {
		s.lastStep = recs[len(recs)-1].Step
	}
	f.status.Skipped = int64(st.Skipped)
	f.summary.finished = st.Finished
}

// readState reads and parses a trainer_state.json.
func readState(path string) (format.TrainerState, error) {
	fh, err := os.Open(path)
	if err != nil {
		return format.TrainerState{}, err
	}
	defer fh.Close()
	doc, err := io.ReadAll(io.LimitReader(fh, maxStateBytes+1))
	if err != nil {
		return format.TrainerState{}, err
	}
	if len(doc) > maxStateBytes {
		return format.TrainerState{}, fmt.Errorf("%s: over %d MB", path, maxStateBytes>>20)
	}
	return format.ParseTrainerState(doc)
}

// statesNewestFirst lists dir's trainer_state.json files, newest first:
// those of its checkpoint-N dirs by N, with dir's own (trainer.save_state()
// writes it at the end, with the run's summary entry) first when it is
// newer than the highest checkpoint's, else last.
func statesNewestFirst(dir string) []string {
	type ck struct {
		n    int
		path string
		mod  time.Time
	}
	var cks []ck
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n, ok := checkpointNumber(e.Name())
		if !ok || !e.IsDir() {
			continue
		}
		p := filepath.Join(dir, e.Name(), TrainerStateName)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			cks = append(cks, ck{n, p, fi.ModTime()})
		}
	}
	sort.Slice(cks, func(i, j int) bool { return cks[i].n > cks[j].n })
	var out []string
	for _, c := range cks {
		out = append(out, c.path)
	}
	own := filepath.Join(dir, TrainerStateName)
	if fi, err := os.Stat(own); err == nil && fi.Mode().IsRegular() {
		if len(cks) == 0 || fi.ModTime().After(cks[0].mod) {
			return append([]string{own}, out...)
		}
		out = append(out, own)
	}
	return out
}

// checkpointNumber reads N from "checkpoint-N".
func checkpointNumber(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, "checkpoint-")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil && n >= 0
}
