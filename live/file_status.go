package live

import "time"

// FileStatus is how the following of a metrics file goes, for the status
// line: what it is, when it last grew, and how much of it was read.
type FileStatus struct {
	Path   string
	Format string // e.g. "jsonl", "lightning"
	Exists bool   // false: waited for
	Err    string // the last read error, "" when reading works
	// Updated is when the file last grew (its modification time).
	Updated time.Time
	Lines   int64 // data lines read since the file last started over
	Skipped int64 // malformed lines and lines over the length limit
	Resets  int   // times it was truncated, replaced or rewritten
}
