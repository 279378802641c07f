package live

import "time"

// FileStatus is how the following of a metrics file goes, for the status
// line: what it is, when it last grew, and how much of it was read.
type FileStatus struct {
	Path   string
	Format string // e.g. "jsonl", "lightning"
	Exists bool   // false: waited for
	// Deleted: the file existed while followed and is gone (deleted or
	// moved away); what was read stays on show until a file appears at
	// the path again, which is then read from the top.
	Deleted bool
	Err     string // the last read error, "" when reading works
	// Note warns beside the figures: what was passed over to show them
	// (a Hugging Face checkpoint whose state does not parse).
	Note string
	// Updated is when the file last grew (its modification time).
	Updated time.Time
	Lines   int64 // data lines read since the file last started over
	Skipped int64 // malformed lines and lines over the length limit
	Resets  int   // times it was truncated, replaced or rewritten

	// What a list of runs shows: the newest step, and the run's loss
	// (the series named LossName) now (NaN or ±Inf when the last value
	// was) and at its lowest finite value (NaN when there is none).
	LastStep       float64
	LossName       string
	Loss, BestLoss float64
	HaveLoss       bool
	// Health is "live" (growing), "stalled" (it grew while followed,
	// then stopped: see Growth), "idle" (not grown since it was found: a
	// finished run, most likely) or "finished" (the writer said so).
	Health string
	// Diverging says why the loss looks diverging ("" when it does not).
	Diverging string
}

// The values of FileStatus.Health.
const (
	HealthLive     = "live"
	HealthStalled  = "stalled"
	HealthIdle     = "idle"
	HealthFinished = "finished"
)
