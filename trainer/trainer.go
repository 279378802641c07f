package trainer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/nn"
)

// Data is what the trainer learns from and shows (Options.DataSource says
// where it came from).
type Data struct {
	Train, Test *mnist.Dataset
}

// Independent random streams of one seed (nn uses 1 and 2 for
// initialisation and training noise).
const (
	streamShuffle uint64 = 16 + iota
	streamVisual
	streamQuery
	streamEvalBase = 1 << 20 // + epoch
)

// Trainer owns the model, the optimiser and the data; only its own goroutine
// (the one running Run) touches them.
type Trainer struct {
	opts    Options
	resumed bool // built from a checkpoint (FromCheckpoint)
	data    Data
	model   *nn.VAE
	adam    *nn.Adam
	hub     *live.Hub
	runID   string // live.RunInfo.ID, kept in checkpoints

	cmds    chan live.Command
	queries chan query

	shuffle *nn.RNG // epoch permutations
	visual  *nn.RNG // which test images to show, prior samples
	query   *nn.RNG // noise for model queries

	// position
	epoch     int   // epochs completed
	perm      []int // this epoch's order; nil between epochs
	pos       int   // images of perm done
	step      int64 // global steps done
	sums      epochSums
	history   []live.EpochMetric
	beta, lr  float64
	betaSet   bool // a command set β: the schedule no longer applies
	state     live.State
	message   string
	trainTime time.Duration // training time of the epoch in progress
	elapsed   time.Duration // all training time
	clock     wallClock     // this session's wall time (elapsed on screen)
	epochTime epochClock    // wall time per epoch, for the ETA

	// step buffers, allocated once
	xbuf       []float32
	labels     []uint8
	groupNorms []float64
	stateCopy  []float32
	klPerDim   []float64

	// kept is the state of the last finished epoch, which Rollback returns to.
	kept keptState

	// publishing
	pending     []live.StepMetric
	events      []live.Event // since the last publish
	lastPublish time.Time
	rate        rateMeter

	// testHookStep, when set, runs before every step (tests inject faults).
	testHookStep func()
	// testHookEval, when set, runs before every test pass.
	testHookEval func()

	// visuals
	reconIdx     []int
	sampleZ      []float32
	sampleLabels []uint8
	recon        *live.Images
	samples      *live.Images
	visualVer    int
	lastVisual   time.Time

	reconSet int
	timeline []*live.Images

	// latest describes the test set in latent space at the last test pass.
	latest *live.Latents
	frozen frozenCopies
}

// epochSums are the epoch's figures so far. Rec keeps the key "BCE" in
// checkpoints, which older files use.
type epochSums struct {
	Loss   float64
	Rec    float64 `json:"BCE"`
	KL     float64
	Images int
}

// New builds a trainer for a fresh run.
func New(opts Options, data Data) (*Trainer, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if data.Train == nil || data.Test == nil || data.Train.Len() == 0 || data.Test.Len() == 0 {
		return nil, errors.New("trainer: no training or test data")
	}
	if px := data.Train.Images.Size(); px != opts.Model.Input {
		return nil, fmt.Errorf("images have %d pixels but the model expects %d", px, opts.Model.Input)
	}
	if opts.TrainLimit > data.Train.Len() {
		return nil, fmt.Errorf("--train-limit %d exceeds the %d training images", opts.TrainLimit, data.Train.Len())
	}
	model, err := nn.New(opts.Model, opts.Batch, opts.Seed)
	if err != nil {
		return nil, err
	}
	model.FreeBits = opts.FreeBits
	t := &Trainer{
		opts: opts, data: data, model: model,
		adam: nn.NewAdam(len(model.Params.W), opts.LR),
		hub:  live.NewHub(), runID: newRunID(),
		cmds:    make(chan live.Command, 64),
		queries: make(chan query),
		frozen:  frozenCopies{wake: make(chan struct{}, 1)},
		shuffle: nn.NewRNG(opts.Seed, streamShuffle),
		visual:  nn.NewRNG(opts.Seed, streamVisual),
		query:   nn.NewRNG(opts.Seed, streamQuery),
		beta:    opts.Beta, lr: opts.LR,
	}
	t.adam.WeightDecay = opts.WeightDecay
	t.allocate()
	return t, nil
}

func (t *Trainer) allocate() {
	in := t.opts.Model.Input
	t.xbuf = make([]float32, t.opts.Batch*in)
	t.labels = make([]uint8, t.opts.Batch)
	t.groupNorms = make([]float64, len(t.model.Params.Groups))
	t.klPerDim = make([]float64, t.opts.Model.Latent)
	t.pending = make([]live.StepMetric, 0, 1024)
	t.allocateKept()
	t.pickReconstructions(nil)
	t.drawSampleZ(-1)
}

// trainSize is the number of training images used per epoch.
func (t *Trainer) trainSize() int {
	if t.opts.TrainLimit > 0 {
		return t.opts.TrainLimit
	}
	return t.data.Train.Len()
}

func (t *Trainer) stepsPerEpoch() int { return (t.trainSize() + t.opts.Batch - 1) / t.opts.Batch }

// Subscribe returns a new viewer subscription. Its first snapshot carries
// the whole step history so far.
func (t *Trainer) Subscribe() *live.Subscription { return t.hub.Subscribe() }

// Send queues a command without blocking; it reports false if the queue is
// full (the trainer is far behind) or Run has returned. (The queue is never
// closed, so without the check a command sent after Run would be accepted
// and never handled.)
func (t *Trainer) Send(c live.Command) bool {
	select {
	case <-t.hub.Stopped():
		return false
	default:
	}
	select {
	case t.cmds <- c:
		return true
	default:
		return false
	}
}

// Run trains until all epochs are done (then, unless ExitWhenDone, keeps
// serving queries and commands until Stop) or ctx is cancelled. Either way it
// saves a checkpoint before returning when a path is configured. It must be
// called once; the trainer's state belongs to the goroutine running it.
func (t *Trainer) Run(ctx context.Context) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = t.rescue(r)
		} else if serr := t.saveFinal(); serr != nil {
			if err == nil {
				err = serr
			} else { // stopped by ctx: keep both, so "saved" is never claimed
				err = fmt.Errorf("%w; %v", err, serr)
			}
		}
		t.state = live.Stopped
		t.clock.finish(time.Now())
		if err != nil && !errors.Is(err, context.Canceled) {
			t.message = "stopped: " + err.Error() // viewers see why, not just that
		}
		t.publish()
		t.hub.Close()
	}()
	t.lastPublish = time.Now()
	t.clock.begin(t.lastPublish)
	t.keep() // before an epoch ends, Rollback returns to where the run started
	t.refreshVisuals()
	t.keyframe()
	t.publish()
	if stop, err := t.trainEpochs(ctx); stop || err != nil {
		return err
	}
	t.state = live.Finished
	t.clock.finish(time.Now())
	t.emit(live.Event{Kind: live.EventFinished, Step: t.step, Epoch: t.epoch,
		Text: "finished " + plural(t.opts.Epochs, "epoch")})
	t.refreshVisuals()
	t.publish()
	if t.opts.ExitWhenDone {
		return nil
	}
	for {
		if stop := t.poll(ctx); stop {
			return ctx.Err()
		}
	}
}

// trainEpochs trains until all epochs are done. stop reports that it
// ended early: by Stop (err nil), by ctx (its error), or because the
// metrics could not be written.
func (t *Trainer) trainEpochs(ctx context.Context) (stop bool, err error) {
	for t.epoch < t.opts.Epochs {
		whole := t.perm == nil // else resumed mid-epoch
		if whole {
			t.startEpoch()
		}
		t.epochTime.began(t.clock.activeAt(time.Now()), whole)
		for t.pos < len(t.perm) {
			if stop := t.poll(ctx); stop {
				return true, ctx.Err()
			}
			if t.perm == nil {
				break // rolled back to the end of an epoch
			}
			if t.state != live.Running {
				continue
			}
			t.trainStep()
			if t.epoch == 0 && t.step%live.TimelineEvery == 0 {
				t.keyframe()
				t.publish()
			} else if time.Since(t.lastPublish) >= t.opts.PublishInterval {
				t.maybeRefreshVisuals()
				t.publish()
			}
		}
		if t.perm == nil {
			continue
		}
		if err := t.endEpoch(); err != nil {
			return true, err
		}
	}
	return false, nil
}

// poll handles pending commands and queries. While the trainer is not
// running it blocks until something arrives. It reports whether to stop.
func (t *Trainer) poll(ctx context.Context) (stop bool) {
	for {
		if t.state == live.Running {
			t.clock.resume(time.Now())
			select {
			case c := <-t.cmds:
				if t.handle(c) {
					return true
				}
				continue
			case q := <-t.queries:
				t.serve(q)
				continue
			case <-t.frozen.wake:
				t.serveFrozen()
				continue
			case <-ctx.Done():
				return true
			default:
				return false
			}
		}
		t.clock.halt(time.Now()) // paused or finished: the ETA's clock waits
		select {
		case c := <-t.cmds:
			if t.handle(c) {
				return true
			}
			if t.state == live.Running {
				return false
			}
		case q := <-t.queries:
			t.serve(q)
		case <-t.frozen.wake:
			t.serveFrozen()
		case <-ctx.Done():
			return true
		}
	}
}

// handle applies one command and reports whether it was Stop.
func (t *Trainer) handle(c live.Command) (stop bool) {
	switch c := c.(type) {
	case live.Pause:
		t.setPaused(true)
	case live.Resume:
		t.setPaused(false)
	case live.TogglePause:
		t.setPaused(t.state == live.Running)
	case live.SetBeta:
		if c.Beta >= 0 && c.Beta <= 1000 {
			t.beta, t.betaSet = c.Beta, true // a key press ends the schedule
		}
	case live.SetLR:
		if c.LR > 0 && c.LR <= 10 {
			t.lr = c.LR
		}
	case live.NewSamples:
		t.drawSampleZ(c.Label)
		t.refreshSamples()
	case live.NewReconstructions:
		t.pickReconstructions(c.Indices)
		t.keyframe() // the new images' timeline starts with them as they are
	case live.SaveCheckpoint:
		t.saveRequested(c.Path)
	case live.Rollback:
		t.rollBack()
	case live.Stop:
		return true
	}
	t.publish()
	return false
}

func (t *Trainer) setPaused(p bool) {
	switch {
	case p && t.state == live.Running:
		t.state, t.message = live.Paused, "paused"
	case !p && t.state == live.Paused:
		t.state, t.message = live.Running, ""
	}
}

// saveRequested writes the checkpoint a viewer asked for (to the --checkpoint
// path when path is empty) and tells every viewer how it went.
func (t *Trainer) saveRequested(path string) {
	if path == "" {
		path = t.opts.Checkpoint
	}
	if path == "" {
		t.emit(live.Event{Kind: live.EventSaveFailed, Step: t.step, Epoch: t.epoch,
			Text: "checkpoint not saved: no checkpoint path set (use --checkpoint FILE)"})
		return
	}
	if err := t.saveTo(path); err != nil {
		t.emit(live.Event{Kind: live.EventSaveFailed, Step: t.step, Epoch: t.epoch, Text: "checkpoint failed: " + err.Error()})
		return
	}
	t.emit(live.Event{Kind: live.EventCheckpointSaved, Step: t.step, Epoch: t.epoch,
		Text: fmt.Sprintf("checkpoint saved to %q at step %d", path, t.step)})
}

func (t *Trainer) saveIfConfigured() error {
	if t.opts.Checkpoint == "" {
		return nil
	}
	return t.saveTo(t.opts.Checkpoint)
}
