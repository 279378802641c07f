package trainer

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vaetop/vaetop/live"
)

// A checkpoint that has done as many epochs as --epochs asks, or more, is
// finished at once: no panic, nothing trained, its history intact.
func TestResumeWithFewerEpochsThanDone(t *testing.T) {
	data := tinyData(t, 12, 4)
	two := tinyOptions()
	two.Epochs = 2
	twoDone := filepath.Join(t.TempDir(), "two")
	two.Checkpoint = twoDone
	runToEnd(t, mustNew(t, two, data))
	for _, path := range []string{fixtureV1, twoDone} { // epoch 1 mid-way through 2; epoch 2 done
		ck, err := ReadCheckpoint(path)
		if err != nil {
			t.Fatal(err)
		}
		o := ck.Options
		o.Epochs, o.ExitWhenDone = 1, true
		o.Checkpoint = filepath.Join(t.TempDir(), "ck")
		tr, err := FromCheckpoint(ck, o, data)
		if err != nil {
			t.Fatal(err)
		}
		sub := tr.Subscribe()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := tr.Run(ctx); err != nil {
			t.Fatal(err)
		}
		last, ok := sub.Next()
		if !ok || last.State != live.Stopped || len(last.EpochHistory) != ck.Epoch || tr.EpochsDone() != ck.Epoch || tr.step != ck.Step {
			t.Fatalf("%s with --epochs 1: state %v, %d epochs shown, %d done, step %d (was %d)",
				path, last.State, len(last.EpochHistory), tr.EpochsDone(), tr.step, ck.Step)
		}
		again, err := ReadCheckpoint(o.Checkpoint)
		if err != nil || again.Epoch != ck.Epoch || again.Pos != ck.Pos {
			t.Fatalf("the finished run saved %+v, %v", again, err)
		}
	}
}

// A refused checkpoint leaves the file as it was: nothing was built that
// could overwrite it.
func TestRefusedCheckpointIsLeftAlone(t *testing.T) {
	c := craft(t, validCheckpointBytes(t))
	c.setFloat(c.weightsAt(0), float32(math.NaN()))
	raw := c.bytes(t)
	path := filepath.Join(t.TempDir(), "ck")
	os.WriteFile(path, raw, 0o644)
	if _, err := ReadCheckpoint(path); err == nil {
		t.Fatal("NaN weights accepted")
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, raw) {
		t.Fatal("the refused checkpoint was changed")
	}
}

// FromCheckpoint checks again, since a Checkpoint can be changed after it
// was read.
func TestFromCheckpointRevalidates(t *testing.T) {
	ck, err := ReadCheckpoint(fixtureV1)
	if err != nil {
		t.Fatal(err)
	}
	ck.w[5] = float32(math.Inf(1))
	_, err = FromCheckpoint(ck, ck.Options, tinyData(t, 12, 4))
	if want := `checkpoint "testdata/tiny-v1.ckpt": weights[5] is +Inf, must be finite`; err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	ck, _ = ReadCheckpoint(fixtureV1)
	ck.Epoch = -5
	if _, err = FromCheckpoint(ck, ck.Options, tinyData(t, 12, 4)); err == nil || !strings.Contains(err.Error(), "epoch -5 must be >= 0") {
		t.Fatalf("epoch -5: got %v", err)
	}
	ck, _ = ReadCheckpoint(fixtureV1)
	if _, err = FromCheckpoint(ck, ck.Options, tinyData(t, 20, 4)); err == nil || !strings.Contains(err.Error(), "trained on 12 images, this data has 20") {
		t.Fatalf("other data: got %v", err)
	}
}

// Resumed, β and the learning rate go on from the values the run reached
// (changed by keys), unless this process was given them: then the given
// ones win, even when equal to the run's starting values (--lr 0.001
// after a NaN at a higher rate must not be ignored).
func TestResumeGivenBetaAndLRWin(t *testing.T) {
	data := synthData(t, 200, 60)
	o := smallOptions()
	o.Epochs = 3
	tr := oneEpochAndAStep(t, o, data)
	tr.beta, tr.lr = 1.5, 5e-3 // as keys would
	path := filepath.Join(t.TempDir(), "k.ckpt")
	if err := tr.saveTo(path); err != nil {
		t.Fatal(err)
	}
	ck, err := ReadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		given      bool
		beta, lr   float64
		wantB, wLR float64
	}{
		{false, o.Beta, o.LR, 1.5, 5e-3},
		{true, o.Beta, o.LR, o.Beta, o.LR},
		{false, 2, 1e-4, 2, 1e-4},
	} {
		ro := o
		ro.Beta, ro.LR, ro.GivenBeta, ro.GivenLR = c.beta, c.lr, c.given, c.given
		r, err := FromCheckpoint(ck, ro, data)
		if err != nil {
			t.Fatal(err)
		}
		if r.beta != c.wantB || r.lr != c.wLR {
			t.Errorf("given %v, flags β %g lr %g: resumed with β %g lr %g, want %g and %g", c.given, c.beta, c.lr, r.beta, r.lr, c.wantB, c.wLR)
		}
	}
}
