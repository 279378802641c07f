package app

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/vaetop/vaetop/atomicfile"
	"github.com/vaetop/vaetop/mnist"
)

// start runs the pipeline: plan and check every run, load the data once,
// check the runs against it, build the trainers, take the outputs from any
// other vaetop, open the metrics file, then train and view the runs, stop
// them and save them. It returns the exit code, and an error to print.
func (pl *pipeline) start(ctx context.Context, dashboard Dashboard, stdout, stderr io.Writer) (int, error) {
	if err := pl.check(); err != nil {
		return exitFor(err), err
	}
	set, err := loadData(ctx, pl.shared, pl.logf)
	if err != nil {
		return interruptedOr(ctx, err, stderr)
	}
	if err := pl.checkData(set); err != nil {
		return exitFor(err), err
	}
	sink := pl.newSink()
	if err := pl.build(set, sink); err != nil {
		return exitFor(err), err
	}
	srv, err := pl.newServer()
	if err != nil {
		return exitFor(err), err
	}
	if srv != nil {
		defer srv.ln.Close()
	}
	// The runs really start: take the outputs, clear killed runs' litter,
	// open the metrics file.
	unlock, err := pl.lock()
	if err != nil {
		return ExitFailure, err
	}
	defer unlock()
	pl.removeStale()
	if err := pl.openMetrics(ctx, sink); err != nil {
		return interruptedOr(ctx, err, stderr)
	}
	defer srv.run(ctx, pl.logf)()
	return pl.train(ctx, dashboard, sink, srv, stdout, stderr)
}

// interruptedOr reports a signal that came while the run was getting
// ready (the data loading, a FIFO waiting for its reader), else err.
func interruptedOr(ctx context.Context, err error, stderr io.Writer) (int, error) {
	if cause := context.Cause(ctx); ctx.Err() != nil {
		return interrupted(cause, stderr, "", nil, ""), nil
	}
	return ExitFailure, err
}

// check prepares every run and checks its outputs, then the files of all
// runs together.
func (pl *pipeline) check() error {
	if pl.compare {
		dirs := []struct{ flag, path, ext string }{
			{"--checkpoint", pl.shared.opts.Checkpoint, ".ckpt"},
			{"--resume", pl.shared.resume, ".ckpt"},
			{"--samples", pl.shared.samples, ".png"},
		}
		for _, d := range dirs {
			if err := checkCompareDir(d.flag, d.path, d.ext); err != nil {
				return err
			}
		}
	}
	for _, r := range pl.runs {
		if err := r.prepare(); err != nil {
			return r.runError(err)
		}
	}
	if !pl.compare {
		return nil // its one run checked them all
	}
	if err := pl.checkMetrics(); err != nil {
		return err
	}
	return checkCollisions(pl.outputs())
}

// outputs are the files of every run, and the metrics file.
func (pl *pipeline) outputs() []output {
	if !pl.compare {
		return pl.runs[0].outputs()
	}
	var outs []output
	for _, r := range pl.runs {
		outs = append(outs, r.outputs()...)
	}
	return append(outs, pl.metrics)
}

// checkData runs once the data is known: no output is a data file,
// nothing the user has is replaced without --force, and the train limits
// fit the data.
func (pl *pipeline) checkData(set *mnist.Set) error {
	if err := checkCollisions(append(pl.outputs(), dataFiles(set)...)); err != nil {
		return err
	}
	if pl.compare {
		if err := pl.checkMetricsOverwrite(pl.shared.resume != ""); err != nil {
			return err
		}
	}
	for _, r := range pl.runs {
		if err := r.checkData(set); err != nil {
			return r.runError(err)
		}
	}
	return nil
}

func (r *plannedRun) checkData(set *mnist.Set) error {
	if err := r.checkOverwrites(); err != nil {
		return err
	}
	if r.opts.TrainLimit > set.Train.Len() {
		return usageError{fmt.Sprintf("--train-limit %d exceeds the %d training images of %s", r.opts.TrainLimit, set.Train.Len(), set.Source)}
	}
	return nil
}

// build makes each run's trainer on the shared data, writing its metrics
// lines into sink (nil: none), a compared run's with its name added.
func (pl *pipeline) build(set *mnist.Set, sink *metricsSink) error {
	for _, r := range pl.runs {
		var metrics io.Writer
		switch {
		case sink != nil && pl.compare:
			metrics = runMetrics{sink, r.name}
		case sink != nil:
			metrics = sink
		}
		var err error
		if r.t, err = r.newTrainer(set, metrics); err != nil {
			return r.runError(err)
		}
	}
	return nil
}

// lock takes every lockable output from any other vaetop, or none: on an
// error the locks taken so far are released. unlock releases them all.
func (pl *pipeline) lock() (unlock func(), err error) {
	outs := []output{pl.metrics}
	for _, r := range pl.runs {
		outs = append(outs, r.checkpoint)
	}
	if !pl.compare {
		outs = []output{pl.runs[0].checkpoint, pl.metrics}
	}
	var unlocks []func()
	unlock = func() {
		for i := len(unlocks) - 1; i >= 0; i-- {
			unlocks[i]()
		}
	}
	for _, o := range outs {
		if o.Path == "" || !o.lockable() {
			continue
		}
		take := o.Lock // replaced by every save: the lock sits beside it
		if o.flag == "--metrics" {
			take = func() (func(), error) { return atomicfile.LockInPlace(o.Path) }
		}
		u, err := take()
		if err != nil {
			unlock()
			return nil, fmt.Errorf("%s %v", o.who(), err)
		}
		unlocks = append(unlocks, u)
	}
	return unlock, nil
}

// lockable reports whether the output is a file (or one to be made) that
// a run could share with another: not a FIFO, a device or a descriptor.
func (o output) lockable() bool {
	if o.err != nil || o.Desc != "" {
		return false
	}
	fi, err := os.Stat(o.Path)
	return err != nil || fi.Mode().IsRegular()
}

// removeStale deletes the temporary files that killed runs left beside the
// outputs.
func (pl *pipeline) removeStale() {
	say := func(o output) {
		if o.Path == "" || o.err != nil {
			return
		}
		for _, f := range o.RemoveStale() {
			pl.logf(fmt.Sprintf("removed %q, a temporary file left by a run that was killed", f))
		}
	}
	say(pl.metrics)
	for _, r := range pl.runs {
		say(r.checkpoint)
		say(r.samples)
	}
}

// openMetrics opens the metrics file and starts writing the queued lines
// to it. A single run's regular file is first mended to agree with the
// checkpoint it resumes.
func (pl *pipeline) openMetrics(ctx context.Context, sink *metricsSink) error {
	if sink == nil {
		return nil
	}
	m, r := pl.metrics, pl.runs[0]
	resuming := pl.shared.resume != ""
	if !pl.compare {
		resuming = r.ck != nil
		if _, desc := m.descriptor(); r.ck != nil && !desc {
			dropped, added, err := reconcileMetrics(m.Path, r.ck.History, pl.shared.force)
			if err != nil {
				return err
			}
			if dropped+added > 0 {
				pl.logf(fmt.Sprintf("--metrics %q now agrees with the checkpoint's %s (%s dropped, %d restored)", m.Path, plural(len(r.ck.History), "epoch"), plural(dropped, "line"), added))
			}
		}
	}
	f, err := openMetrics(ctx, m, resuming, pl.logf)
	if err != nil {
		return err
	}
	sink.start(f)
	return nil
}

// newSink is the queue for the metrics lines, nil without the flag. A
// single run with a checkpoint can write lost lines back on --resume.
func (pl *pipeline) newSink() *metricsSink {
	if pl.metrics.Path == "" {
		return nil
	}
	sink := newMetricsSink()
	sink.restorable = !pl.compare && pl.runs[0].opts.Checkpoint != ""
	if fd, desc := pl.metrics.descriptor(); !pl.dash && !(desc && fd == 1) { // the dashboard owns the terminal; stdout's failure stops the run
		sink.onError = func(err error) {
			pl.logf(fmt.Sprintf("warning: --metrics: %v; training goes on", err))
		}
	}
	return sink
}
