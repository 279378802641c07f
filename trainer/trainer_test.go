package trainer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/nn"
)

// synthData makes a small MNIST-shaped dataset: blurry strokes whose
// position depends on the label, so a VAE has something to learn.
func synthData(t testing.TB, nTrain, nTest int) Data {
	t.Helper()
	mk := func(n int, seed uint64) *mnist.Dataset {
		rng := nn.NewRNG(seed, 1)
		im := &mnist.Images{N: n, Rows: 28, Cols: 28, Pixels: make([]uint8, n*784)}
		labels := make([]uint8, n)
		for i := 0; i < n; i++ {
			l := rng.IntN(10)
			labels[i] = uint8(l)
			for y := 4; y < 24; y++ {
				x := 4 + 2*l + rng.IntN(3)
				im.Pixels[i*784+y*28+x] = 255
				im.Pixels[i*784+y*28+x+1] = 128
			}
		}
		d, err := mnist.NewDataset(im, labels, "images", "labels")
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	return Data{Train: mk(nTrain, 1), Test: mk(nTest, 2)}
}

func smallOptions() Options {
	o := Defaults()
	o.Model.Hidden = []int{32, 16}
	o.Model.Latent = 4
	o.Batch = 32
	o.Epochs = 2
	o.ExitWhenDone = true
	o.PublishInterval = time.Millisecond
	o.ReconCount, o.SampleCount = 4, 8
	return o
}

func runToEnd(t *testing.T, tr *Trainer) []live.EpochMetric {
	t.Helper()
	if err := tr.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	return tr.history
}

// sameFigures compares everything but wall-clock figures.
func sameFigures(a, b live.EpochMetric) bool {
	a.Seconds, a.SamplesPerSec, b.Seconds, b.SamplesPerSec = 0, 0, 0, 0
	return a == b
}

func TestSameSeedSameLosses(t *testing.T) {
	data := synthData(t, 200, 50)
	a, _ := New(smallOptions(), data)
	b, _ := New(smallOptions(), data)
	ha, hb := runToEnd(t, a), runToEnd(t, b)
	for i := range ha {
		if !sameFigures(ha[i], hb[i]) {
			t.Fatalf("epoch %d differs:\n%+v\n%+v", i+1, ha[i], hb[i])
		}
	}
	o := smallOptions()
	o.Seed = 2
	c, _ := New(o, data)
	if hc := runToEnd(t, c); sameFigures(hc[0], ha[0]) {
		t.Error("seed 2 gave the same losses as seed 1")
	}
}

func TestResumeContinuesExactly(t *testing.T) {
	for _, variant := range []string{"plain", "batchnorm+dropout"} {
		t.Run(variant, func(t *testing.T) {
			data := synthData(t, 200, 50)
			o := smallOptions()
			if variant != "plain" {
				o.Model.BatchNorm, o.Model.Dropout, o.Model.LatentDropout = true, 0.2, 0.1
			}
			straight, _ := New(o, data)
			want := runToEnd(t, straight)

			path := filepath.Join(t.TempDir(), "ck.vae")
			first := o
			first.Epochs = 1
			first.Checkpoint = path
			a, _ := New(first, data)
			runToEnd(t, a)
			ck, err := ReadCheckpoint(path)
			if err != nil {
				t.Fatal(err)
			}
			second := ck.Options
			second.Epochs = 2
			second.ExitWhenDone = true
			b, err := FromCheckpoint(ck, second, data)
			if err != nil {
				t.Fatal(err)
			}
			got := runToEnd(t, b)
			if len(got) != 2 || !sameFigures(got[1], want[1]) {
				t.Fatalf("resumed epoch 2:\n%+v\nstraight:\n%+v", got[len(got)-1], want[1])
			}
		})
	}
}

func TestResumeMidEpoch(t *testing.T) {
	data := synthData(t, 200, 50)
	o := smallOptions()
	o.Epochs = 1
	want := runToEnd(t, mustNew(t, o, data))

	path := filepath.Join(t.TempDir(), "ck.vae")
	o.Checkpoint = path
	a := mustNew(t, o, data)
	a.startEpoch()
	for i := 0; i < 3; i++ {
		a.trainStep()
	}
	if err := a.saveTo(path); err != nil {
		t.Fatal(err)
	}
	ck, err := ReadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	if ck.Pos != 3*o.Batch {
		t.Fatalf("checkpoint position %d, want %d", ck.Pos, 3*o.Batch)
	}
	b, err := FromCheckpoint(ck, o, data)
	if err != nil {
		t.Fatal(err)
	}
	got := runToEnd(t, b)
	if !sameFigures(got[0], want[0]) {
		t.Fatalf("mid-epoch resume:\n%+v\nwant\n%+v", got[0], want[0])
	}
}

func mustNew(t *testing.T, o Options, d Data) *Trainer {
	t.Helper()
	tr, err := New(o, d)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestCheckpointRejectsDamage(t *testing.T) {
	data := synthData(t, 100, 20)
	dir := t.TempDir()
	path := filepath.Join(dir, "ck.vae")
	tr := mustNew(t, smallOptions(), data)
	if err := tr.saveTo(path); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	cases := map[string][]byte{
		"truncated": raw[:len(raw)/2],
		"flipped":   append(append([]byte(nil), raw[:100]...), append([]byte{raw[100] ^ 1}, raw[101:]...)...),
		"not ours":  []byte("hello world, this is not a checkpoint"),
		"empty":     nil,
	}
	for name, b := range cases {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		if _, err := ReadCheckpoint(p); err == nil {
			t.Errorf("%s checkpoint accepted", name)
		} else if !containsPath(err.Error(), p) {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
	if _, err := ReadCheckpoint(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing checkpoint accepted")
	}
	ck, err := ReadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	o := smallOptions()
	o.Model.Latent = 8
	if _, err := FromCheckpoint(ck, o, data); err == nil {
		t.Error("resuming with a different latent size succeeded")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if filepath.Ext(e.Name()) != "" && e.Name()[0] == '.' {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func containsPath(s, p string) bool { return strings.Contains(s, p) }

func TestOversizedModelIsAClearError(t *testing.T) {
	o := Defaults()
	if err := o.Validate(); err != nil {
		t.Fatalf("the tutorial's model is refused: %v", err)
	}
	if gb := o.memoryEstimate() / (1 << 30); gb > 0.1 {
		t.Errorf("the tutorial's model is estimated at %.2f GB", gb)
	}
	o.Model.Hidden = []int{65536, 65536}
	err := o.Validate()
	if err == nil || !strings.Contains(err.Error(), "--hidden") || strings.Contains(err.Error(), "\n") {
		t.Errorf("a 65536x65536 model gave %v, want one line naming --hidden", err)
	}
}
