package watch

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	path      string // the file read last
	size      int64
	mtime     time.Time
	published int     // log_history entries published
	lastStep  float64 // the step of the last one
}

func (s *hfSource) close() {}

// read rereads the newest state when it is new or changed. A file caught
// half-written (the Trainer writes it in place) is tried again next poll.
func (s *hfSource) read(f *File) (changed, more bool) {
	path, ok := newestState(s.dir)
	if !ok {
		return f.takeExistence(false, nil), false
	}
	fi, err := os.Stat(path)
	if err != nil {
		return f.takeExistence(false, nil), false
	}
	changed = f.takeExistence(true, nil)
	same := path == s.path && fi.Size() == s.size && fi.ModTime().Equal(s.mtime)
	f.look(fi.ModTime(), !same)
	if same {
		return changed, false
	}
	st, err := readState(path)
	if err != nil {
		return changed, false
	}
	s.path, s.size, s.mtime = path, fi.Size(), fi.ModTime()
	f.status.Path = path
	s.take(f, st)
	return true, false
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

// newestState is the newer of dir's highest checkpoint-N's
// trainer_state.json and dir's own (trainer.save_state() writes that one
// at the end, with the run's summary entry).
func newestState(dir string) (string, bool) {
	best, bestN := "", -1
	var bestTime time.Time
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		n, ok := checkpointNumber(e.Name())
		if !ok || n <= bestN || !e.IsDir() {
			continue
		}
		p := filepath.Join(dir, e.Name(), TrainerStateName)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			best, bestN, bestTime = p, n, fi.ModTime()
		}
	}
	p := filepath.Join(dir, TrainerStateName)
	if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && (best == "" || fi.ModTime().After(bestTime)) {
		return p, true
	}
	return best, best != ""
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
