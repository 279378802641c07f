package trainer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vaetop/vaetop/live"
)

func TestPanicInTrainingKeepsTheWork(t *testing.T) {
	data := synthData(t, 200, 50)
	o := smallOptions()
	o.Checkpoint = filepath.Join(t.TempDir(), "ck")
	tr := mustNew(t, o, data)
	steps := 0
	tr.testHookStep = func() {
		if steps++; steps == 4 {
			panic("injected fault")
		}
	}
	sub := tr.Subscribe()
	err := tr.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "injected fault") || !strings.Contains(err.Error(), ".recovered") {
		t.Fatalf("Run returned %v, want the fault and the recovery file", err)
	}
	if strings.Count(err.Error(), "\n") != 0 {
		t.Errorf("error is not one line: %q", err)
	}
	ck, rerr := ReadCheckpoint(o.Checkpoint + ".recovered")
	if rerr != nil {
		t.Fatal(rerr)
	}
	if ck.Step != 3 {
		t.Errorf("recovered checkpoint at step %d, want 3", ck.Step)
	}
	if _, serr := os.Stat(o.Checkpoint); serr == nil {
		t.Error("the regular checkpoint was written from the crashed state")
	}
	var last live.Snapshot
	for range sub.C() {
		if s, ok := sub.Next(); ok {
			last = s
		}
	}
	if last.State != live.Stopped {
		t.Errorf("viewers last saw state %v, want stopped", last.State)
	}
	resumed, ferr := FromCheckpoint(ck, o, data)
	if ferr != nil {
		t.Fatal(ferr)
	}
	if got := runToEnd(t, resumed); len(got) != o.Epochs {
		t.Errorf("resumed run finished %d epochs, want %d", len(got), o.Epochs)
	}
}

func TestFailedFinalSaveKeepsTheWork(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	data := synthData(t, 200, 50)
	o := smallOptions()
	o.Checkpoint = filepath.Join(tmp, "gone", "ck") // the directory does not exist
	tr := mustNew(t, o, data)
	err := tr.Run(context.Background())
	alt := tempCheckpointPath("unsaved")
	if err == nil || !strings.Contains(err.Error(), o.Checkpoint) || !strings.Contains(err.Error(), alt) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("Run returned %v, want one line naming %s and %s", err, o.Checkpoint, alt)
	}
	ck, rerr := ReadCheckpoint(alt)
	if rerr != nil {
		t.Fatal(rerr)
	}
	if ck.Epoch != o.Epochs {
		t.Errorf("saved state at epoch %d, want %d", ck.Epoch, o.Epochs)
	}
}
