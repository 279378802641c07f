package trainer

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/vaetop/vaetop/live"
)

// Offline publishes the loaded weights once, with the test set's latents
// and a frozen copy, and answers queries without a running trainer.
func TestOfflineShowsACheckpointWithoutTraining(t *testing.T) {
	data := synthData(t, 200, 60)
	o := smallOptions()
	o.Epochs = 1
	tr := mustNew(t, o, data)
	runToEnd(t, tr)
	trained := tr.latest

	run := tr.Offline("/some/dir/model.ckpt")
	if run.Ctl != nil || run.Q == nil || run.Info.Caps != (live.Capabilities{}) {
		t.Fatalf("run: ctl %v, caps %+v", run.Ctl, run.Info.Caps)
	}
	if run.Info.Label != "model.ckpt" || run.Info.Epochs != 1 {
		t.Fatalf("info %+v", run.Info)
	}
	<-run.Feed.C()
	s, ok := run.Feed.Next()
	if !ok || s.State != live.Finished || s.Latents == nil || s.Recon == nil || s.Samples == nil {
		t.Fatalf("snapshot: ok %v state %v latents %v", ok, s.State, s.Latents != nil)
	}
	for i := range trained.Mu {
		if s.Latents.Mu[i] != trained.Mu[i] {
			t.Fatalf("mean %d: offline %v, the last test pass %v", i, s.Latents.Mu[i], trained.Mu[i])
		}
	}
	m := run.Q.Frozen()
	if m == nil {
		t.Fatal("no frozen copy")
	}
	z := trained.Mu[:4]
	want := make([]float32, 784)
	m.Decode(z, nil, want)
	got, err := run.Q.Decode(context.Background(), z, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatal("Decode and the frozen copy disagree")
		}
	}
	if _, err := run.Q.Sample(context.Background(), 3, nil); err != nil {
		t.Fatal(err)
	}
	run.Feed.Close()
}

// OfflineStart shows the weights at once and the test set's latents when
// they are measured; a viewer subscribing later gets them straight away.
func TestOfflineStartPublishesBeforeTheLatents(t *testing.T) {
	data := synthData(t, 200, 70) // not a whole number of batches
	o := smallOptions()
	o.Epochs = 1
	tr := mustNew(t, o, data)
	runToEnd(t, tr)
	dir := t.TempDir()
	path := filepath.Join(dir, "run.ckpt")
	if err := tr.saveTo(path); err != nil {
		t.Fatal(err)
	}
	ck, err := ReadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	view, err := ViewCheckpoint(ck, o, data)
	if err != nil {
		t.Fatal(err)
	}
	early := view.Subscribe()
	src, measured := view.OfflineStart(path)
	<-early.C()
	s, ok := early.Next()
	if !ok || s.State != live.Finished || src.Viewer().Q.Frozen() == nil {
		t.Fatalf("first snapshot: ok %v state %v", ok, s.State)
	}
	<-measured
	run := src.Viewer()
	<-run.Feed.C()
	s, ok = run.Feed.Next()
	if !ok || s.Latents == nil || s.Recon == nil || s.Samples == nil {
		t.Fatalf("snapshot after the measure: ok %v, latents %v", ok, s.Latents != nil)
	}
	// The same figures as the test pass of the run that saved the weights.
	want := tr.latest
	if s.Latents.TestKL != want.TestKL || s.Latents.Active != want.Active || len(s.Latents.Mu) != len(want.Mu) {
		t.Fatalf("latents: KL %v active %d, the test pass %v, %d", s.Latents.TestKL, s.Latents.Active, want.TestKL, want.Active)
	}
	for i := range want.Mu {
		if s.Latents.Mu[i] != want.Mu[i] {
			t.Fatalf("mean %d: %v, the test pass %v", i, s.Latents.Mu[i], want.Mu[i])
		}
	}
	early.Close()
	run.Feed.Close()
}

// measureApart, on frozen copies in parallel, gives measureLatents' bits.
func TestMeasureApartIsMeasureLatents(t *testing.T) {
	o := smallOptions()
	o.Epochs = 1
	tr := mustNew(t, o, synthData(t, 200, 250))
	runToEnd(t, tr)
	a, b := tr.measureLatents(), tr.measureApart()
	same := a.TestKL == b.TestKL && a.Active == b.Active && len(a.Mu) == len(b.Mu)
	for i := range a.KL {
		same = same && a.KL[i] == b.KL[i] && a.Var[i] == b.Var[i]
	}
	for i := range a.Mu {
		same = same && a.Mu[i] == b.Mu[i]
	}
	if !same {
		t.Fatal("measureApart differs from measureLatents")
	}
}

// ViewCheckpoint builds the trainer FromCheckpoint builds, with the
// checkpoint's moments taken over rather than copied.
func TestViewCheckpointIsFromCheckpoint(t *testing.T) {
	tr, data := tinyTrainer(t)
	runToEnd(t, tr)
	path := filepath.Join(t.TempDir(), "run.ckpt")
	if err := tr.saveTo(path); err != nil {
		t.Fatal(err)
	}
	ck, err := ReadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	from, err := FromCheckpoint(ck, tr.opts, data)
	if err != nil {
		t.Fatal(err)
	}
	view, err := ViewCheckpoint(ck, tr.opts, data)
	if err != nil {
		t.Fatal(err)
	}
	if &view.adam.M[0] != &ck.m[0] || &view.adam.V[0] != &ck.v[0] || &from.adam.M[0] == &ck.m[0] {
		t.Fatal("ViewCheckpoint copied the moments, or FromCheckpoint did not")
	}
	for _, p := range [][2][]float32{{from.model.Params.W, view.model.Params.W}, {from.adam.M, view.adam.M},
		{from.adam.V, view.adam.V}, {from.model.Params.State, view.model.Params.State}} {
		if !slices.Equal(p[0], p[1]) {
			t.Fatal("ViewCheckpoint and FromCheckpoint differ")
		}
	}
}

// A checkpoint saved before its last epoch (an interrupted run) shows as
// stopped where it was, not as finished: its epoch of the planned ones,
// the step in that epoch, and a message saying so.
func TestOfflineShowsAnInterruptedCheckpointWhereItStopped(t *testing.T) {
	data := synthData(t, 200, 60)
	o := smallOptions()
	o.Epochs = 3
	tr := oneEpochAndAStep(t, o, data)
	run := tr.Offline("/runs/cut.ckpt")
	<-run.Feed.C()
	s, ok := run.Feed.Next()
	if !ok || s.State != live.Stopped {
		t.Fatalf("state %v, want stopped", s.State)
	}
	if s.CurrentEpoch != 2 || s.Epochs != 3 || s.StepInEpoch != 1 {
		t.Fatalf("epoch %d/%d, step in epoch %d; want 2/3 and 1", s.CurrentEpoch, s.Epochs, s.StepInEpoch)
	}
	if want := `checkpoint "cut.ckpt": the run stopped in epoch 2 of 3, at step 1 of 7`; s.Message != want {
		t.Fatalf("message %q, want %q", s.Message, want)
	}
	run.Feed.Close()
}
