package trainer

import (
	"path/filepath"
	"testing"
)

// A resumed run is the same run: its ID survives the checkpoint; a file
// from before IDs existed gets a fresh one.
func TestRunIDSurvivesTheCheckpoint(t *testing.T) {
	tr, data := tinyTrainer(t)
	id := tr.Info().ID
	if !validRunID(id) || len(id) != 16 {
		t.Fatalf("run ID %q", id)
	}
	p := filepath.Join(t.TempDir(), "run.ckpt")
	if err := tr.saveTo(p); err != nil {
		t.Fatal(err)
	}
	ck, err := ReadCheckpoint(p)
	if err != nil {
		t.Fatal(err)
	}
	again, err := FromCheckpoint(ck, ck.Options, data)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Info().ID; got != id {
		t.Errorf("resumed run's ID %q, want %q", got, id)
	}
	other, _ := tinyTrainer(t)
	if other.Info().ID == id {
		t.Error("two fresh runs share an ID")
	}
	old, err := ReadCheckpoint(fixtureV1)
	if err != nil {
		t.Fatal(err)
	}
	if old.RunID != "" {
		t.Fatalf("the fixture has run_id %q", old.RunID)
	}
	if !validRunID("") || validRunID("a\x1b[31m") || validRunID(string(make([]byte, 65))) {
		t.Error("validRunID accepts the wrong IDs")
	}
}

// --name labels the run for viewers; without it the checkpoint's name does.
func TestInfoLabel(t *testing.T) {
	tr, _ := tinyTrainer(t)
	tr.opts.Checkpoint = filepath.Join("d", "run.ckpt")
	if got := tr.Info().Label; got != "run.ckpt" {
		t.Errorf("label %q, want the checkpoint's name", got)
	}
	tr.opts.Label = "latent 16"
	if got := tr.Info().Label; got != "latent 16" {
		t.Errorf("label %q, want --name's", got)
	}
}
