package trainer

import (
	"crypto/rand"
	"encoding/hex"
	"path/filepath"

	"github.com/vaetop/vaetop/live"
)

// newRunID names a fresh run; a resumed run keeps the ID its checkpoint
// holds.
func newRunID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Info describes the run for viewers (live.RunInfo).
func (t *Trainer) Info() live.RunInfo {
	label := "run " + t.runID
	switch {
	case t.opts.Label != "":
		label = t.opts.Label
	case t.opts.Checkpoint != "":
		label = filepath.Base(t.opts.Checkpoint)
	}
	return live.RunInfo{
		ID: t.runID, Label: label,
		ModelLabel: t.opts.Model.String(), RecName: recName(t.opts.Model.Loss),
		Conditional: t.opts.Model.Conditional, Latent: t.opts.Model.Latent,
		DataSource: t.opts.DataSource, TrainSize: t.trainSize(), TestSize: t.data.Test.Len(), Epochs: t.opts.Epochs,
		Caps:    live.Capabilities{Save: t.opts.Checkpoint != ""},
		Resumed: t.resumed,
	}
}

// Viewer is the run as one viewer gets it: its own feed, the trainer as
// controller and querier.
func (t *Trainer) Viewer() live.Run {
	return live.Run{Info: t.Info(), Feed: t.Subscribe(), Ctl: t, Q: t}
}

var (
	_ live.Querier = (*Trainer)(nil)
	_ live.Source  = (*Trainer)(nil)
)
