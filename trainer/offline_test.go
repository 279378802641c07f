package trainer

import (
	"context"
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
