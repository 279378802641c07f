package tui

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/live"
)

// TestRunCtrlCIsAnInterrupt drives Run's program through a pipe: Ctrl-C
// must come back as context.Canceled (the app's exit 130, "interrupted"),
// q as nil (exit 0). Either way the viewer only detaches: the run goes on.
func TestRunCtrlCIsAnInterrupt(t *testing.T) {
	for _, c := range []struct {
		name, key string
		want      error
	}{{"ctrl+c", "\x03", context.Canceled}, {"q", "q", nil}} {
		t.Run(c.name, func(t *testing.T) {
			o := smallOptions()
			o.Checkpoint = filepath.Join(t.TempDir(), "ck.vae")
			tr := smallTrainer(t, o)
			runErr := make(chan error, 1)
			go func() { runErr <- tr.Run(context.Background()) }()
			in, keys := io.Pipe()
			defer keys.Close()
			result := make(chan error, 1)
			go func() {
				runs := []live.Run{tr.Viewer()}
				defer closeFeeds(runs)
				p, err := NewProgram(runs, Options{ASCII: true, Renderer: asciiRenderer()}, in, io.Discard, tea.WithoutSignalHandler())
				if err != nil {
					result <- err
					return
				}
				result <- RunProgram(context.Background(), p)
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
			if !tr.Send(live.Stop{}) {
				t.Fatal("leaving the dashboard stopped the run")
			}
			if err := <-runErr; err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestRunWithoutRunsIsAnError(t *testing.T) {
	if err := Run(context.Background(), nil, Options{}); err == nil {
		t.Error("Run showed nothing without an error")
	}
}
