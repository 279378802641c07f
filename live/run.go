package live

import "context"

// RunInfo is what a run is, published once, before its first snapshot.
type RunInfo struct {
	// ID names the run across processes: a resumed run keeps its ID (the
	// checkpoint holds it), so viewers can tell it is the same run.
	ID    string
	Label string // for people: the checkpoint's name, or "run 1"
	// ModelLabel describes the model ("784-512-256-z32 relu bce"); RecName
	// names its reconstruction loss ("BCE" or "MSE").
	ModelLabel  string
	RecName     string
	Conditional bool
	Latent      int
	DataSource  string
	TrainSize   int // training images an epoch
	TestSize    int // test images (NewReconstructions.Indices range)
	Epochs      int
	Caps        Capabilities
	// Resumed: the run goes on from a checkpoint. Resumed and unable to
	// save, what it trains is lost at its end: viewers say so.
	Resumed bool
}

// Capabilities say what a run can do that its Run does not show. Whether
// it takes commands or answers questions is Run.Ctl or Run.Q being set,
// and is not repeated here.
type Capabilities struct {
	// Save: the run has a checkpoint path, so SaveCheckpoint (sent on
	// Run.Ctl) writes one there. Viewers offer saving, or say why they
	// cannot, by it.
	Save bool
}

// Feed delivers a run's snapshots: C is signalled when one is ready and
// closed when the run has stopped; Next returns the latest with every step
// metric and event since the previous call. Close detaches the viewer; the
// run goes on.
type Feed interface {
	C() <-chan struct{}
	Next() (Snapshot, bool)
	Close()
}

// Controller takes a viewer's commands without blocking; Send reports
// false when the command was not queued (the run is far behind, or has
// stopped).
type Controller interface {
	Send(Command) bool
}

// Querier asks the run's current weights questions. Each call blocks until
// the producer answers between steps, so viewers call it from a tea.Cmd or
// another goroutine, never while drawing.
type Querier interface {
	// Encode returns mu and logvar (n×Latent each) of n images x (n×784).
	Encode(ctx context.Context, x []float32, labels []uint8) (mu, logvar []float32, err error)
	// Decode returns the images (n×784) decoded from z (n×Latent).
	Decode(ctx context.Context, z []float32, labels []uint8) ([]float32, error)
	// Sample decodes n draws from the prior.
	Sample(ctx context.Context, n int, labels []uint8) ([]float32, error)
	// Frozen returns the latest frozen copy of the weights without
	// waiting (nil until there is one) and asks the producer to keep
	// making fresh ones for a few seconds: a viewer that decodes on every
	// key press calls it with each snapshot and never waits behind a test
	// pass or a save.
	Frozen() Model
}

// Source makes a Run for each viewer that joins, each with a feed
// subscription of its own: a trainer is one, and a viewer that comes later
// (an SSH session) takes a fresh Run from it as it connects.
type Source interface {
	Viewer() Run
}

// Run is what a viewer is handed: the run's description, its own feed of
// snapshots, and, when the viewer may use them, a controller (nil: watch
// only) and a querier (nil: no model, as for a metrics file).
type Run struct {
	Info RunInfo
	Feed Feed
	Ctl  Controller
	Q    Querier
}

// Catalog is a set of runs that grows as they are found (the runs below a
// directory being watched): Sources returns every run found so far, in the
// order found, new ones appended and none removed. A viewer asks again
// now and then and takes the new ones.
type Catalog interface {
	Sources() []Source
}

// WaitingCatalog is a Catalog that can say what it waits for: the
// places it watches that do not exist yet (a sweep's directory).
type WaitingCatalog interface {
	Catalog
	Waiting() []string
}
