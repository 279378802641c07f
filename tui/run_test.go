package tui

import (
	"context"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/app"
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

// TestRunCtrlCIsAnInterrupt drives Run's program through a pipe: Ctrl-C
// must come back as context.Canceled (the app's exit 130, "interrupted"),
// q as nil (exit 0). Both stop the trainer and save its checkpoint.
func TestRunCtrlCIsAnInterrupt(t *testing.T) {
	for _, c := range []struct {
		name, key string
		want      error
	}{{"ctrl+c", "\x03", context.Canceled}, {"q", "q", nil}} {
		t.Run(c.name, func(t *testing.T) {
			o := smallOptions()
			o.Checkpoint = filepath.Join(t.TempDir(), "ck.vae")
			tr := smallTrainer(t, o)
			in, keys := io.Pipe()
			defer keys.Close()
			result := make(chan error, 1)
			go func() {
				result <- run(context.Background(), tr, app.DashboardOptions{ASCII: true},
					tea.WithInput(in), tea.WithOutput(io.Discard), tea.WithoutSignalHandler())
			}()
			time.Sleep(200 * time.Millisecond) // let it draw and train a little
			if _, err := keys.Write([]byte(c.key)); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-result:
				if err != c.want {
					t.Fatalf("Run returned %v, want %v", err, c.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Run did not return")
			}
			if _, err := os.Stat(o.Checkpoint); err != nil {
				t.Errorf("no checkpoint: %v", err)
			}
		})
	}
}
