package app

import (
	"fmt"
	"path/filepath"

	"github.com/vaetop/vaetop/trainer"
)

// pipeline is one command's runs on their way: planned from the flags,
// checked, then trained and viewed together. A single run is a pipeline of
// one run; vaetop compare is one of 2 to 6, whose runs are named, share
// one metrics file and one data set, and end with a summary table.
type pipeline struct {
	compare bool
	shared  *config // the flags for every run; a single run's own
	runs    []*plannedRun
	metrics output // the one --metrics file (Path "": none)
	dash    bool   // shown on the dashboard, not as plain lines
	logf    func(string)
}

// plannedRun is one run of a pipeline: its flags, its name (a compared
// run's), what prepare read and settled before the data loads, its output
// files resolved once, and then its trainer.
type plannedRun struct {
	pl         *pipeline
	c          *config // the shared flags, then the run's own
	name, file string  // a compared run's name and its file-safe form
	ck         *trainer.Checkpoint
	opts       trainer.Options
	checkpoint output
	resume     output
	samples    output
	t          *trainer.Trainer
	logf       func(string)
}

// newSingle plans the one run of c.
func newSingle(c *config, dash bool, logf func(string)) *pipeline {
	pl := &pipeline{shared: c, dash: dash, logf: logf}
	pl.metrics = newOutput("--metrics", c.metrics, "", true)
	pl.runs = []*plannedRun{pl.newRun(c, "", "", logf)}
	return pl
}

// newComparison plans the runs of vaetop compare: each run's files are
// the shared directories' DIR/<run file>.ckpt (or .png).
func newComparison(shared *config, parsed []*compareRun, dash bool, logf func(string)) *pipeline {
	pl := &pipeline{compare: true, shared: shared, dash: dash, logf: logf}
	pl.metrics = newOutput("--metrics", shared.metrics, "", true)
	for _, r := range parsed {
		c := r.c
		c.opts.Label = r.name
		dirs := []struct {
			dir  string
			into *string
			ext  string
		}{{shared.opts.Checkpoint, &c.opts.Checkpoint, ".ckpt"}, {shared.resume, &c.resume, ".ckpt"}, {shared.samples, &c.samples, ".png"}}
		for _, d := range dirs {
			if d.dir != "" {
				*d.into = filepath.Join(d.dir, r.file+d.ext)
			}
		}
		name := r.name
		pl.runs = append(pl.runs, pl.newRun(c, r.name, r.file, func(s string) { logf("[" + name + "] " + s) }))
	}
	return pl
}

func (pl *pipeline) newRun(c *config, name, file string, logf func(string)) *plannedRun {
	return &plannedRun{pl: pl, c: c, name: name, file: file, opts: c.opts, logf: logf}
}

// prepare reads the checkpoint to resume, settles the options, resolves
// the outputs and checks them, before any file is opened for writing and
// before the data load: a typo should cost seconds, not the training, and
// never a file the user already had.
func (r *plannedRun) prepare() error {
	c := r.c
	if c.resume != "" { // read it first: a bad checkpoint should not wait for data
		var err error
		if r.ck, err = trainer.ReadCheckpoint(c.resume); err != nil {
			return err
		}
		r.opts = resumeOptions(r.ck.Options, c)
		if err := r.opts.Validate(); err != nil {
			return usageError{err.Error()}
		}
	}
	r.checkpoint = newOutput("--checkpoint", r.opts.Checkpoint, r.name, true)
	r.resume = newOutput("--resume", c.resume, r.name, false)
	r.samples = newOutput("--samples", c.samples, r.name, true)
	if err := r.checkOutputs(); err != nil {
		return err
	}
	if ck := r.ck; ck != nil && ck.Epoch >= r.opts.Epochs {
		if c.explicit["epochs"] {
			return usageError{fmt.Sprintf("--epochs %d: checkpoint %q has trained %s already; give more to train on", r.opts.Epochs, c.resume, plural(ck.Epoch, "epoch"))}
		}
		r.logf(fmt.Sprintf("checkpoint %q has finished its %s; give --epochs %d or more to train on", c.resume, plural(ck.Epoch, "epoch"), ck.Epoch+1))
	}
	return nil
}

// outputs are the run's files, the metrics file among them for a single
// run (a comparison's one file is checked once, for all).
func (r *plannedRun) outputs() []output {
	if r.pl.compare {
		return []output{r.checkpoint, r.resume, r.samples}
	}
	return []output{r.checkpoint, r.resume, r.pl.metrics, r.samples}
}

// runError says which compared run an error is about, keeping it a usage
// error when it is one; a single run's errors are its own.
func (r *plannedRun) runError(err error) error {
	if !r.pl.compare || err == nil {
		return err
	}
	return runError(r.name, err)
}
