package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/nn"
	"github.com/vaetop/vaetop/trainer"
)

// synthDigits makes an MNIST-shaped dataset of n images: a vertical
// stroke whose column depends on the label, so there is something to learn.
func synthDigits(t testing.TB, n int, seed uint64) *mnist.Dataset {
	t.Helper()
	rng := nn.NewRNG(seed, 7)
	im := &mnist.Images{N: n, Rows: 28, Cols: 28, Pixels: make([]uint8, n*784)}
	labels := make([]uint8, n)
	for i := range labels {
		l := rng.IntN(10)
		labels[i] = uint8(l)
		for y := 5; y < 23; y++ {
			x := 5 + 2*l
			im.Pixels[i*784+y*28+x], im.Pixels[i*784+y*28+x+1] = 255, 160
		}
	}
	d, err := mnist.NewDataset(im, labels, "synthetic images", "synthetic labels")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// smallTrainer is a real trainer on synthetic data, fast enough for tests.
func smallTrainer(t testing.TB, o trainer.Options) *trainer.Trainer {
	t.Helper()
	data := trainer.Data{Train: synthDigits(t, 512, 1), Test: synthDigits(t, 64, 2)}
	o.DataSource = "synthetic"
	tr, err := trainer.New(o, data)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func smallOptions() trainer.Options {
	o := trainer.Defaults()
	o.Model.Hidden, o.Model.Latent = []int{32, 16}, 4
	o.Batch, o.Epochs = 32, 10000
	o.PublishInterval, o.VisualInterval = 5*time.Millisecond, 50*time.Millisecond
	o.ReconCount, o.SampleCount = 8, 16
	return o
}

// TestRealTrainer runs the dashboard and a real trainer together (also
// under -race): it draws, steers β and pause; q leaves the dashboard at
// once and detaches it, and the run goes on until its owner stops it.
func TestRealTrainer(t *testing.T) {
	o := smallOptions()
	o.Checkpoint = filepath.Join(t.TempDir(), "ck.vae")
	tr := smallTrainer(t, o)
	sub := tr.Subscribe()
	defer sub.Close()
	runErr := make(chan error, 1)
	go func() { runErr <- tr.Run(context.Background()) }()

	m := New([]live.Run{{Info: tr.Info(), Ctl: tr, Feed: sub}}, Options{Renderer: asciiRenderer()})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	long := teatest.WithDuration(10 * time.Second)
	teatest.WaitFor(t, tm.Output(), outputHas("▶ running", "loss / step", "test │ reconstruction", "data synthetic"), long)

	tm.Type("BB") // one message with two runes, as tmux sends them
	teatest.WaitFor(t, tm.Output(), outputHas("β 2"), long)
	tm.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
	teatest.WaitFor(t, tm.Output(), outputHas("|| paused"), long)
	tm.Type("s")
	teatest.WaitFor(t, tm.Output(), outputHas("new samples from the prior"), long)

	tm.Type("q")
	quitAt := time.Now()
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	if d := time.Since(quitAt); d > 2*time.Second {
		t.Errorf("leaving took %v", d)
	}
	select {
	case err := <-runErr:
		t.Fatalf("leaving the dashboard ended the run: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	if !tr.Send(live.Stop{}) { // the owner stops it, and it saves
		t.Fatal("the run took no Stop")
	}
	if err := <-runErr; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(o.Checkpoint); err != nil {
		t.Errorf("no checkpoint after Stop: %v", err)
	}
	snap, _ := fm.Snapshot()
	if snap.Beta != 2 || len(fm.cur.hist.steps) == 0 || snap.Recon == nil || snap.Samples == nil {
		t.Errorf("final snapshot: β %v, %d steps, recon %v", snap.Beta, len(fm.cur.hist.steps), snap.Recon != nil)
	}
	if !strings.Contains(fm.header, "β") {
		t.Error("no status")
	}
}
