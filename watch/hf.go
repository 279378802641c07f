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
	shown     stateFile           // the file read last
	bad       map[stateFile]error // the files that did not parse, as they were
	published int                 // log_history entries published
	lastStep  float64             // the step of the last one
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
// truncated by a full disk) is passed over for the next newest, and read
// again only once it changes; the status says which was passed over and
// why, or, when none parses, names the newest and its error.
func (s *hfSource) read(f *File) (changed, more bool) {
	paths := statesNewestFirst(s.dir)
	if len(paths) == 0 {
		return f.takeExistence(false, nil), false
	}
	bad := map[stateFile]error{} // this poll's, so gone files are forgotten
	var skipped, why string      // the newest that did not parse, and why
	defer func() { s.bad = bad }()
	for _, path := range paths {
		fi, err := os.Stat(path)
		if err != nil {
			continue
		}
		now := stateFile{path, fi.Size(), fi.ModTime()}
		err, known := s.bad[now]
		if !known && now != s.shown {
			var st format.TrainerState
			if st, err = readState(path); err == nil {
				changed = f.takeExistence(true, nil)
				f.look(fi.ModTime(), true)
				s.shown, f.status.Path = now, path
				s.take(f, st)
				f.note(passedOver(skipped, why, path))
				return true, false
			}
		}
		if err != nil {
			bad[now] = err
			if skipped == "" {
				skipped, why = path, err.Error()
			}
			continue
		}
		f.look(fi.ModTime(), false) // the one shown, unchanged
		changed = f.takeExistence(true, nil)
		return f.note(passedOver(skipped, why, path)) || changed, false
	}
	if skipped == "" {
		return false, false
	}
	f.note("")
	return f.takeExistence(true, fmt.Errorf("%s: %s", stateName(skipped), why)), false
}

// passedOver is the note for a newer state skipped (for why) for the one
// at path, "" when none was: the checkpoints first, so that a narrow
// status line cuts the reason, not them.
func passedOver(skipped, why, path string) string {
	if skipped == "" {
		return ""
	}
	return fmt.Sprintf("%s unreadable, showing %s (%s)", filepath.Base(filepath.Dir(skipped)), filepath.Base(filepath.Dir(path)), why)
}

// stateName is a state's path as the status names it:
// checkpoint-20/trainer_state.json.
func stateName(path string) string {
	return filepath.Base(filepath.Dir(path)) + "/" + TrainerStateName
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

// HFDirOf is the Hugging Face output dir a trainer_state.json path belongs
// to: the parent of its checkpoint-N directory, or its own directory (one
// written by trainer.save_state()). ok is false for another file name.
func HFDirOf(path string) (dir string, ok bool) {
	if filepath.Base(path) != TrainerStateName {
		return "", false
	}
	dir = filepath.Dir(path)
	abs, err := filepath.Abs(dir) // "trainer_state.json" given inside checkpoint-20
	if err != nil {
		abs = dir
	}
	if _, ck := checkpointNumber(filepath.Base(abs)); ck {
		if dir == "." {
			return filepath.Dir(abs), true
		}
		dir = filepath.Dir(dir)
	}
	return dir, true
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
