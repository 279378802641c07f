package watch

import (
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/watch/format"
	"github.com/vaetop/vaetop/watch/tail"
)

// lineSource reads a growing file's lines (JSON Lines or CSV) with a
// parser of its format, detected from the first non-blank line unless
// forced.
type lineSource struct {
	tail   *tail.Tail
	size   int64       // at the last look
	forced format.Kind // Auto: detect
	parser format.Parser
}

func newLineSource(path string, k format.Kind, st *live.FileStatus) *lineSource {
	s := &lineSource{tail: tail.Open(path, tail.Options{}), forced: k}
	if k != format.Auto {
		s.parser = format.New(k)
		st.Format = k.String()
	}
	return s
}

func (s *lineSource) close() { s.tail.Close() }

// read takes one batch of lines from the follower.
func (s *lineSource) read(f *File) (changed, more bool) {
	b, err := s.tail.Poll()
	changed = f.takeExistence(b.Exists, err)
	if err != nil {
		return changed, false
	}
	if b.Exists {
		f.look(b.ModTime, b.Reset || len(b.Lines) > 0 || b.TooLong > 0 || b.Size != s.size)
		s.size = b.Size
	}
	if b.Reset {
		f.restart()
		s.restart(f)
		changed = true
	}
	for _, line := range b.Lines {
		s.line(f, line)
	}
	f.status.Skipped += int64(b.TooLong)
	return changed || len(b.Lines) > 0 || b.TooLong > 0, b.More
}

// restart starts a fresh parser, so that a CSV header is read again.
func (s *lineSource) restart(f *File) {
	if s.forced == format.Auto {
		s.parser = nil
		f.status.Format = "detecting"
		return
	}
	s.parser = format.New(s.forced)
}

// line parses one complete line into f.
func (s *lineSource) line(f *File, line []byte) {
	if s.parser == nil && !s.detect(f, line) {
		return
	}
	rec, ok, err := s.parser.Parse(line)
	switch {
	case err != nil:
		f.status.Skipped++
	case ok:
		f.take(rec)
	}
}

// detect picks the format from the first non-blank line.
func (s *lineSource) detect(f *File, line []byte) bool {
	k := format.Detect(append(append([]byte(nil), line...), '\n'))
	if k == format.Auto {
		return false // a blank line: wait for one that tells
	}
	s.parser = format.New(k)
	f.status.Format = k.String()
	return true
}
