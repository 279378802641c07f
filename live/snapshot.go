package live

import "time"

// TimelineEvery is how many steps apart the first epoch's timeline frames
// are: that is when the reconstructions change most.
const TimelineEvery = 50

// State is what the trainer is doing.
type State int

// States of a run.
const (
	Running State = iota
	Paused
	Finished // all epochs done; queries and sampling still served
	Stopped  // Run returned
)

func (s State) String() string {
	return [...]string{"running", "paused", "finished", "stopped"}[s]
}

// StepMetric is one training step's figures, per image of its batch.
type StepMetric struct {
	Step     int64   `json:"step"` // global, from 1
	Epoch    int     `json:"epoch"`
	Rec      float64 `json:"rec"` // reconstruction loss (BCE or MSE: RunInfo.RecName)
	KL       float64 `json:"kl"`
	Loss     float64 `json:"loss"` // Rec + β·KL
	GradNorm float64 `json:"grad_norm"`
	Beta     float64 `json:"beta"` // β in effect for the step
	LR       float64 `json:"lr"`
	// BetaScheduled says β came from a schedule (--beta-warmup,
	// --beta-cycles): a viewer marks only the changes a command made.
	BetaScheduled bool `json:"beta_scheduled,omitempty"`
}

// EpochMetric is one finished epoch; it is also the metrics file's line.
type EpochMetric struct {
	Kind          string  `json:"kind"` // "epoch"
	Epoch         int     `json:"epoch"`
	TrainLoss     float64 `json:"train_loss"`
	TrainRec      float64 `json:"train_bce"` // reconstruction loss, BCE or MSE; the metrics file also writes it as train_rec
	TrainKL       float64 `json:"train_kl"`
	TestLoss      float64 `json:"test_loss"`
	TestRec       float64 `json:"test_bce"` // likewise test_rec
	TestKL        float64 `json:"test_kl"`
	Seconds       float64 `json:"seconds"`
	SamplesPerSec float64 `json:"samples_per_sec"`
	Beta          float64 `json:"beta"`
	LR            float64 `json:"lr"`
	Steps         int64   `json:"steps"`
	// ActiveUnits counts the latent units active on the test set at the
	// epoch's end (ActiveVariance); 0 in files older than it.
	ActiveUnits int `json:"active_units"`
}

// LayerNorm is the gradient norm of one parameter group at the last step.
type LayerNorm struct {
	Name string
	Norm float64
}

// Images is an immutable set of W×H images with values in [0,1].
// Originals, when present, are the inputs Pixels reconstruct.
type Images struct {
	Version int // increases with every new set
	// Set names the choice of test images (a new choice, a new Set); Step
	// and Epoch say when the images were drawn (steps done, epochs
	// finished).
	Set       int
	Step      int64
	Epoch     int
	N, W, H   int
	Pixels    []float32
	Originals []float32
	Labels    []uint8 // digit of each image (conditional samples, test images)
}

// Image returns image i.
func (im *Images) Image(i int) []float32 { return im.Pixels[i*im.W*im.H : (i+1)*im.W*im.H] }

// Original returns the input of image i.
func (im *Images) Original(i int) []float32 {
	return im.Originals[i*im.W*im.H : (i+1)*im.W*im.H]
}

// Snapshot is the trainer's state as a viewer sees it. Everything in it is
// immutable once published; viewers may keep references.
type Snapshot struct {
	Time          time.Time
	State         State
	Message       string // e.g. why training paused
	CurrentEpoch  int    // the epoch in progress (the last, when finished), from 1; a checkpoint's Epoch counts those completed
	Epochs        int
	Step          int64 // global steps done
	StepInEpoch   int
	StepsPerEpoch int
	Beta, LR      float64
	Clip          float64
	ImagesPerSec  float64       // recent throughput
	Elapsed       time.Duration // wall time since the run started or was resumed here
	ETA           time.Duration // from the measured wall time per epoch, test passes included
	// RollbackPoint is where a Rollback command would take the run now.
	RollbackPoint RollbackPoint

	// Steps are the step metrics this subscriber has not seen yet (all of
	// them, oldest first, in its first snapshot); Dropped counts any lost
	// because the subscriber fell far behind.
	Steps   []StepMetric
	Dropped int
	// Events are the events this subscriber has not seen yet, oldest first
	// (at most the last 256, also in its first snapshot).
	Events []Event
	// Series are the named series' points this subscriber has not seen
	// yet (the whole bounded history in its first snapshot); SeriesReset
	// says to forget every series drawn so far before taking them (the
	// producer started over). A trainer's step metrics come here too.
	Series      []SeriesPoints
	SeriesReset bool
	// File is the state of a followed metrics file; nil for a trainer.
	File *FileStatus
	// EpochHistory is every finished epoch.
	EpochHistory []EpochMetric

	LayerNorms []LayerNorm
	KLPerDim   []float64 // per latent dimension at the last step, per image

	Recon   *Images
	Samples *Images
	// Timeline holds the reconstructions of the current test images
	// through training, oldest first: at the start, every
	// TimelineEvery steps of the first epoch, and at every epoch's end.
	// A long run's is thinned to at most 200 frames that span it (the
	// first, the newest, the older ones spread evenly), so a frame's index
	// may change between snapshots; new test images start a new one.
	Timeline []*Images
	// Latents describe the test set in latent space at the last test pass
	// (nil until the producer has one); a new value means a new pass.
	Latents *Latents
	// What the run is (model, data, checkpoint) is in its RunInfo, given
	// once with the Run, not in every snapshot.
}
