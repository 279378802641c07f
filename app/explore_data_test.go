package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/vaetop/vaetop/mnist"
)

// openBoth loads opts once through a prefetch and once directly, and
// returns both results with the lines each logged.
func openBoth(t *testing.T, ctx context.Context, opts mnist.Options) (pre, direct *mnist.Set, perr, derr error, plog, dlog []string) {
	t.Helper()
	p := prefetchData(opts)
	defer p.stop()
	opts.Log = func(s string) { plog = append(plog, s) }
	pre, perr = p.open(ctx, opts)
	opts.Log = func(s string) { dlog = append(dlog, s) }
	direct, derr = mnist.OpenContext(ctx, opts)
	return pre, direct, perr, derr, plog, dlog
}

// The prefetched set is the one a load would give, warnings included.
func TestPrefetchGivesWhatOpenGives(t *testing.T) {
	dir := dataDir(t, 30, 20)
	pre, direct, perr, derr, _, _ := openBoth(t, t.Context(), mnist.Options{Dir: dir, TestOnly: true})
	if perr != nil || derr != nil {
		t.Fatalf("errors %v, %v", perr, derr)
	}
	if pre.Source != direct.Source || pre.Train.Len() != direct.Train.Len() || !slices.Equal(pre.Test.Images.Pixels, direct.Test.Images.Pixels) ||
		!slices.Equal(pre.Warnings, direct.Warnings) || len(pre.Warnings) != 2 {
		t.Fatalf("prefetched %+v, loaded %+v", pre, direct)
	}
}

// A prefetch that fails leaves the error to a load made then, the same.
func TestPrefetchFailureLoadsAgain(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none")
	_, _, perr, derr, _, _ := openBoth(t, t.Context(), mnist.Options{Dir: missing, TestOnly: true})
	if perr == nil || derr == nil || perr.Error() != derr.Error() {
		t.Fatalf("errors %v and %v, want the same", perr, derr)
	}
}

// Stopped by its context, it says so as a load does.
func TestPrefetchStopsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, _, perr, _, _, _ := openBoth(t, ctx, mnist.Options{Dir: dataDir(t, 30, 20), TestOnly: true})
	if !errors.Is(perr, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", perr)
	}
}

// The lookup's lines, held back while the checkpoint is read, are all
// logged once the set is taken: here those of a module cache without
// GoMNIST, before the user cache that holds it.
func TestPrefetchLogsTheLookupLines(t *testing.T) {
	mod, err := mnist.GoMNISTDataDir(nil)
	if err != nil {
		t.Skipf("no module cache: %v", err)
	}
	cache := t.TempDir()
	for _, base := range []string{mnist.TrainImagesFile, mnist.TrainLabelsFile, mnist.TestImagesFile, mnist.TestLabelsFile} {
		b, err := os.ReadFile(filepath.Join(mod, base+".gz"))
		if err != nil {
			t.Skipf("GoMNIST data not in the module cache: %v", err)
		}
		if err := os.WriteFile(filepath.Join(cache, base+".gz"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"GOMODCACHE": t.TempDir()}
	opts := mnist.Options{Env: func(k string) string { return env[k] }, CacheDir: cache, TestOnly: true}
	pre, _, perr, derr, plog, dlog := openBoth(t, t.Context(), opts)
	if perr != nil || derr != nil {
		t.Fatalf("errors %v, %v", perr, derr)
	}
	if len(dlog) == 0 || !slices.Equal(plog, dlog) || pre.Source != "cache "+cache {
		t.Fatalf("prefetch logged %q from %q, a load %q", plog, pre.Source, dlog)
	}
}
