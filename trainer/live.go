package trainer

import "github.com/vaetop/vaetop/live"

// The viewer contract lives in package live; these names keep the
// trainer's callers working while they move over to it.
type (
	State              = live.State
	StepMetric         = live.StepMetric
	EpochMetric        = live.EpochMetric
	LayerNorm          = live.LayerNorm
	Images             = live.Images
	Snapshot           = live.Snapshot
	Subscription       = live.Subscription
	EventKind          = live.EventKind
	Event              = live.Event
	RollbackPoint      = live.RollbackPoint
	Command            = live.Command
	Pause              = live.Pause
	Resume             = live.Resume
	TogglePause        = live.TogglePause
	SetBeta            = live.SetBeta
	SetLR              = live.SetLR
	NewSamples         = live.NewSamples
	NewReconstructions = live.NewReconstructions
	SaveCheckpoint     = live.SaveCheckpoint
	Rollback           = live.Rollback
	Stop               = live.Stop
)

// States and event kinds, as in package live.
const (
	Running  = live.Running
	Paused   = live.Paused
	Finished = live.Finished
	Stopped  = live.Stopped

	EventNaNPause        = live.EventNaNPause
	EventCheckpointSaved = live.EventCheckpointSaved
	EventSaveFailed      = live.EventSaveFailed
	EventRolledBack      = live.EventRolledBack
	EventFinished        = live.EventFinished
)
