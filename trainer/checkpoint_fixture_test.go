package trainer

import (
	"os"
	"testing"

	"github.com/vaetop/vaetop/live"
)

// fixtureV1 was written by vaetop at commit 4fcaa2d (checkpoint version 1)
// from tinyTrainer; new code must keep reading it.
const fixtureV1 = "testdata/tiny-v1.ckpt"

// TestWriteFixture regenerates the fixture when VAETOP_WRITE_FIXTURE=1. Do it
// only when the format version changes, and keep the old fixture: its point
// is that it was written by old code.
func TestWriteFixture(t *testing.T) {
	if os.Getenv("VAETOP_WRITE_FIXTURE") != "1" {
		t.Skip("set VAETOP_WRITE_FIXTURE=1 to rewrite " + fixtureV1)
	}
	tr, _ := tinyTrainer(t)
	if err := tr.saveTo(fixtureV1); err != nil {
		t.Fatal(err)
	}
}

func TestReadsVersion1Fixture(t *testing.T) {
	ck, err := ReadCheckpoint(fixtureV1)
	if err != nil {
		t.Fatal(err)
	}
	if ck.Version != 1 || ck.Epoch != 1 || len(ck.History) != 1 || ck.Pos != 4 || ck.NPerm != 12 || ck.NState != 32 {
		t.Fatalf("fixture read as version %d, epoch %d, %d history entries, pos %d, %d perm, %d state",
			ck.Version, ck.Epoch, len(ck.History), ck.Pos, ck.NPerm, ck.NState)
	}
	o := ck.Options
	o.Epochs = 2
	o.ExitWhenDone = true
	tr, err := FromCheckpoint(ck, o, tinyData(t, 12, 4))
	if err != nil {
		t.Fatal(err)
	}
	got := runToEnd(t, tr)
	if len(got) != 2 || got[1].Epoch != 2 || !live.Finite(got[1].TrainLoss) || !live.Finite(got[1].TestLoss) {
		t.Fatalf("resumed fixture ended with history %+v", got)
	}
}
