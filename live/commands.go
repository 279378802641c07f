package live

// Command is a request to the training goroutine. Commands take effect
// between steps, in the order sent.
type Command interface{ command() }

// Pause stops training after the current step; queries are still served.
type Pause struct{}

// Resume continues a paused run (also after a NaN pause).
type Resume struct{}

// TogglePause pauses a running trainer or resumes a paused one.
type TogglePause struct{}

// SetBeta changes the KL weight from the next step on.
type SetBeta struct{ Beta float64 }

// SetLR changes Adam's learning rate from the next step on.
type SetLR struct{ LR float64 }

// NewSamples draws new z from the prior for the sample grid. Label selects
// the digit of a conditional model (-1: each row a different digit).
type NewSamples struct{ Label int }

// NewReconstructions picks a new batch of test images to show: Indices
// when given (test-set positions, at most the run's reconstruction count
// used; all must be in range), else a random batch from the run's own
// visual random stream. A viewer comparing runs sends every run the same
// Indices so that they reconstruct the same images.
type NewReconstructions struct{ Indices []int }

// SaveCheckpoint writes a checkpoint to Path (the --checkpoint path when
// empty); an event says how it went.
type SaveCheckpoint struct {
	Path string
}

// Rollback returns the run to the state kept at the end of the last
// finished epoch (before one ends: the state Run started from) - weights,
// optimiser, BatchNorm statistics, training random streams, epoch history
// and step count - and pauses it. Resumed, the run goes on exactly as it
// did after that epoch ended. The live β and learning rate are kept: they
// are what the user changes to avoid the same divergence. Steps after the
// kept one are removed from the step history.
type Rollback struct{}

// Stop ends Run, saving a checkpoint first when a path is configured.
type Stop struct{}

func (Pause) command()              {}
func (Resume) command()             {}
func (TogglePause) command()        {}
func (SetBeta) command()            {}
func (SetLR) command()              {}
func (NewSamples) command()         {}
func (NewReconstructions) command() {}
func (SaveCheckpoint) command()     {}
func (Rollback) command()           {}
func (Stop) command()               {}
