package mnist

import (
	"context"
	"errors"
	"testing"
	"time"
)

// bigImagesGz writes a valid gzip images file of reps×1337 28×28 images
// (about reps MB) into dir under name and returns its path.
func bigImagesGz(t *testing.T, dir, name string, reps int) string {
	t.Helper()
	const perBlock = 1337
	n := reps * perBlock
	return writeFile(t, dir, name, repeatedGz(t, header(imagesMagic, uint32(n), 28, 28), noisyBlock(perBlock*784), reps))
}

func TestOpenContextCancelledBeforeStart(t *testing.T) {
	dir := t.TempDir()
	newFakeSet().writePlain(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s, err := OpenContext(ctx, Options{Dir: dir})
	if s != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, %v; want context.Canceled", s, err)
	}
	checkOneLine(t, err, q(dir), "loading stopped: context canceled")
}

// Cancelling during the load of a large file stops it promptly.
func TestOpenContextCancelDuringLoad(t *testing.T) {
	dir := t.TempDir()
	fs := newFakeSet()
	delete(fs, TrainImagesFile)
	fs.writePlain(t, dir)
	big := bigImagesGz(t, dir, TrainImagesFile+".gz", 100) // 105 MB: about 1 s to load
	matchingLabels(t, dir, 133700)

	ctx, cancel := context.WithCancel(context.Background())
	const after = 20 * time.Millisecond
	time.AfterFunc(after, cancel)
	start := time.Now()
	err := within(t, hangLimit, func() error {
		_, err := OpenContext(ctx, Options{Dir: dir})
		return err
	})
	took := time.Since(start)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	checkOneLine(t, err, q(big)+": loading stopped: context canceled", "(from --data)")
	if took > after+300*time.Millisecond {
		t.Errorf("returned %v after the cancel", took-after)
	}
}
