package mnist

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"
)

// DefaultMirrors returns the public MNIST mirrors tried, in order, when
// Options.Mirrors is nil.
func DefaultMirrors() []string {
	return []string{
		"https://ossci-datasets.s3.amazonaws.com/mnist/",
		"https://storage.googleapis.com/cvdf-datasets/mnist/",
	}
}

// Download limits.
const (
	defaultStallTimeout = 30 * time.Second // no byte received for this long
	defaultFileTimeout  = 10 * time.Minute // whole transfer of one file
	maxDownloadBytes    = 64 << 20         // the largest file is 9.9 MB
)

// Download makes sure dir holds the four MNIST .gz files with their official
// MD5s, fetching whichever are missing or wrong from opts.Mirrors (tried in
// order per file) with opts.HTTPClient, and reporting progress to opts.Log.
// Each file is written to a temporary file in dir, verified, and only then
// renamed to its final name, so a final name never holds a partial or
// unverified file.
func Download(ctx context.Context, dir string, opts Options) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fileError(dir, err)
	}
	removeStaleTemps(dir)
	mirrors := opts.Mirrors
	if mirrors == nil {
		mirrors = DefaultMirrors()
	}
	if len(mirrors) == 0 {
		return errors.New("mnist: no download mirrors configured")
	}
	for _, base := range [...]string{TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile} {
		name := base + ".gz"
		want, ok := opts.sums.lookup(name)
		if !ok {
			return fmt.Errorf("mnist: %q: no known MD5 to verify a download against", name)
		}
		final := filepath.Join(dir, name)
		if got, err := fileMD5(ctx, final); err == nil && got == want {
			continue
		}
		var failures []string
		for _, m := range mirrors {
			url := strings.TrimSuffix(m, "/") + "/" + name
			opts.logf("mnist: downloading %s", url)
			n, err := fetch(ctx, opts, url, final, want)
			if err == nil {
				opts.logf("mnist: saved %q (%.1f MB, MD5 ok)", final, float64(n)/1e6)
				break
			}
			failures = append(failures, err.Error())
			if ctx.Err() != nil {
				return fmt.Errorf("mnist: download of %q cancelled: %w", name, ctx.Err())
			}
			opts.logf("mnist: %v", err)
		}
		if len(failures) == len(mirrors) {
			return fmt.Errorf("mnist: could not download %q: %s", name, strings.Join(failures, "; "))
		}
	}
	return nil
}

// fetch downloads url into a temporary file next to final, checks its MD5
// against want and renames it to final. It returns the number of bytes.
func fetch(ctx context.Context, opts Options, url, final, want string) (n int64, err error) {
	fileTimeout := opts.fileTimeout
	if fileTimeout <= 0 {
		fileTimeout = defaultFileTimeout
	}
	stall := opts.stallTimeout
	if stall <= 0 {
		stall = defaultStallTimeout
	}
	client := opts.HTTPClient
	if client == nil {
		client = http.DefaultClient
	}

	ctx, cancel := context.WithTimeout(ctx, fileTimeout)
	defer cancel()
	var stalled atomic.Bool
	watchdog := time.AfterFunc(stall, func() { stalled.Store(true); cancel() })
	defer watchdog.Stop()
	wrap := func(err error) error {
		if stalled.Load() {
			return fmt.Errorf("%s: stalled: no data for %v", url, stall)
		}
		if errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("%s: took longer than %v", url, fileTimeout)
		}
		return fmt.Errorf("%s: %v", url, err)
	}

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, fmt.Errorf("%s: %v", url, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *neturl.Error
		if errors.As(err, &ue) {
			err = ue.Err // drop the `Get "url":` prefix; wrap names the URL
		}
		return 0, wrap(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: HTTP %s", url, resp.Status)
	}
	if resp.ContentLength > maxDownloadBytes {
		return 0, fmt.Errorf("%s: %d bytes is too large for an MNIST file", url, resp.ContentLength)
	}

	tmp, err := os.CreateTemp(filepath.Dir(final), "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return 0, fileError(filepath.Dir(final), err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := md5.New()
	body := &progressReader{r: io.LimitReader(resp.Body, maxDownloadBytes+1), watchdog: watchdog, stall: stall}
	n, err = io.Copy(io.MultiWriter(tempWriter{tmp}, h), body)
	if err != nil {
		var we *writeError
		if errors.As(err, &we) {
			return n, fileError(tmp.Name(), we.err)
		}
		return n, wrap(fmt.Errorf("reading after %d bytes: %w", n, err))
	}
	if n > maxDownloadBytes {
		return n, fmt.Errorf("%s: more than %d bytes, too large for an MNIST file", url, maxDownloadBytes)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		return n, fmt.Errorf("%s: MD5 mismatch: got %s, want %s", url, got, want)
	}
	if err = tmp.Sync(); err != nil {
		return n, fileError(tmp.Name(), err)
	}
	if err = tmp.Close(); err != nil {
		return n, fileError(tmp.Name(), err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return n, fileError(tmp.Name(), err)
	}
	if err = os.Rename(tmp.Name(), final); err != nil {
		return n, fmt.Errorf("mnist: cannot rename %q to %q: %v", tmp.Name(), final, err)
	}
	return n, nil
}

// progressReader re-arms the stall watchdog whenever bytes arrive.
type progressReader struct {
	r        io.Reader
	watchdog *time.Timer
	stall    time.Duration
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.watchdog.Reset(p.stall)
	}
	return n, err
}

// tempWriter writes to the temporary file and marks its errors as
// *writeError so they are not mistaken for network errors.
type tempWriter struct{ f *os.File }

func (w tempWriter) Write(b []byte) (int, error) {
	n, err := w.f.Write(b)
	if err != nil {
		err = &writeError{err}
	}
	return n, err
}

// writeError is a failure to write the temporary download file.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// removeStaleTemps deletes temporary download files left by a process that
// was killed more than a day ago. Errors are ignored: they are only litter.
func removeStaleTemps(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, ".*.gz.tmp-*"))
	for _, m := range matches {
		if st, err := os.Stat(m); err == nil && time.Since(st.ModTime()) > 24*time.Hour {
			os.Remove(m)
		}
	}
}
