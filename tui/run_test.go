package tui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestStopAndWaitSavesCheckpoint(t *testing.T) {
	o := smallOptions()
	o.Checkpoint = filepath.Join(t.TempDir(), "ck.vae")
	tr := smallTrainer(t, o)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := tr.Run(context.Background()); err != nil {
			t.Error(err)
		}
	}()
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	stopAndWait(tr, done)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stop took %v", d)
	}
	if _, err := os.Stat(o.Checkpoint); err != nil {
		t.Fatal(err)
	}
	stopAndWait(tr, done) // a stopped trainer returns at once
}

func TestWriteSamples(t *testing.T) {
	m, _ := newTestModel(t, 120, 40)
	path := filepath.Join(t.TempDir(), "samples.png")
	if err := writeSamples(path, m); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 8*28 || b.Dy() < 8*28 {
		t.Errorf("grid is %v", b)
	}
	empty := New(newFakeRun(), newFakeRun(), Options{Renderer: asciiRenderer()})
	if err := writeSamples(filepath.Join(t.TempDir(), "none.png"), empty); err != nil {
		t.Errorf("no samples yet: %v", err)
	}
}
