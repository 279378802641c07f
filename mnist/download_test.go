package mnist

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// mirror is a local fake download server. Files are served under
// /<prefix>/<name>; handlers per prefix decide what each mirror does.
type mirror struct {
	*httptest.Server
	files map[string][]byte // .gz name → content

	mu   sync.Mutex
	hits map[string]int // request path → count
}

func newMirror(t *testing.T, files map[string][]byte, behave map[string]func(w http.ResponseWriter, r *http.Request, data []byte)) *mirror {
	m := &mirror{files: files, hits: map[string]int{}}
	m.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		m.hits[r.URL.Path]++
		m.mu.Unlock()
		prefix, name := path.Split(r.URL.Path)
		data, ok := files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if fn := behave[strings.Trim(prefix, "/")]; fn != nil {
			fn(w, r, data)
			return
		}
		w.Write(data)
	}))
	t.Cleanup(m.Close)
	return m
}

func (m *mirror) url(prefix string) string { return m.URL + "/" + prefix + "/" }

func (m *mirror) count(path string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hits[path]
}

func (m *mirror) total() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, c := range m.hits {
		n += c
	}
	return n
}

func downloadOpts(files map[string][]byte, mirrors ...string) (Options, *[]string) {
	var logs []string
	var mu sync.Mutex
	return Options{
		Mirrors: mirrors,
		Log: func(s string) {
			mu.Lock()
			logs = append(logs, s)
			mu.Unlock()
		},
		sums:         sums(files),
		stallTimeout: 5 * time.Second,
		fileTimeout:  10 * time.Second,
	}, &logs
}

// dirNames lists the entries of dir, temporary files included.
func dirNames(t *testing.T, dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestDownloadSuccess(t *testing.T) {
	files := newFakeSet().gz(t)
	m := newMirror(t, files, nil)
	dir := filepath.Join(t.TempDir(), "a", "b")
	opts, logs := downloadOpts(files, m.url("ok"))
	if err := Download(context.Background(), dir, opts); err != nil {
		t.Fatal(err)
	}
	if names := dirNames(t, dir); len(names) != 4 {
		t.Fatalf("dir holds %q", names)
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		got, err := FileMD5(p)
		if err != nil || got != md5hex(data) {
			t.Errorf("%s: %s, %v", name, got, err)
		}
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, %v", name, st.Mode(), err)
		}
	}
	if len(*logs) != 8 || !strings.Contains((*logs)[0], "downloading "+m.url("ok")) || !strings.Contains((*logs)[1], "MD5 ok") {
		t.Errorf("logs %q", *logs)
	}

	// Verified files are not fetched again.
	before := m.total()
	if err := Download(context.Background(), dir, opts); err != nil {
		t.Fatal(err)
	}
	if m.total() != before {
		t.Errorf("verified files were downloaded again")
	}

	// A damaged file is replaced.
	p := filepath.Join(dir, TrainLabelsFile+".gz")
	if err := os.WriteFile(p, []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Download(context.Background(), dir, opts); err != nil {
		t.Fatal(err)
	}
	if got, _ := FileMD5(p); got != md5hex(files[TrainLabelsFile+".gz"]) || m.total() != before+1 {
		t.Errorf("damaged file not replaced (md5 %s, %d requests)", got, m.total()-before)
	}
}

func TestDownloadFallsBackToNextMirror(t *testing.T) {
	files := newFakeSet().gz(t)
	m := newMirror(t, files, map[string]func(http.ResponseWriter, *http.Request, []byte){
		"gone": func(w http.ResponseWriter, r *http.Request, _ []byte) { http.NotFound(w, r) },
	})
	dir := t.TempDir()
	opts, logs := downloadOpts(files, m.url("gone"), m.url("ok"))
	if err := Download(context.Background(), dir, opts); err != nil {
		t.Fatal(err)
	}
	for name := range files {
		if m.count("/gone/"+name) != 1 || m.count("/ok/"+name) != 1 {
			t.Errorf("%s: hits gone=%d ok=%d", name, m.count("/gone/"+name), m.count("/ok/"+name))
		}
	}
	if len(dirNames(t, dir)) != 4 {
		t.Fatalf("dir holds %q", dirNames(t, dir))
	}
	if !strings.Contains(strings.Join(*logs, "\n"), m.url("gone")+TrainImagesFile+".gz: HTTP 404 Not Found") {
		t.Errorf("logs %q", *logs)
	}
}

func TestDownloadBadChecksum(t *testing.T) {
	files := newFakeSet().gz(t)
	corrupt := func(w http.ResponseWriter, _ *http.Request, data []byte) {
		w.Write(append([]byte{data[0] ^ 1}, data[1:]...))
	}
	m := newMirror(t, files, map[string]func(http.ResponseWriter, *http.Request, []byte){"bad1": corrupt, "bad2": corrupt})
	dir := t.TempDir()
	opts, _ := downloadOpts(files, m.url("bad1"), m.url("bad2"))
	err := Download(context.Background(), dir, opts)
	name := TrainImagesFile + ".gz"
	checkOneLine(t, err, "could not download "+q(name), m.url("bad1")+name+": MD5 mismatch: got ", m.url("bad2")+name, "want "+md5hex(files[name]))
	if names := dirNames(t, dir); len(names) != 0 {
		t.Fatalf("left behind %q", names)
	}
}

func TestDownloadStalled(t *testing.T) {
	files := newFakeSet().gz(t)
	m := newMirror(t, files, map[string]func(http.ResponseWriter, *http.Request, []byte){
		"slow": func(w http.ResponseWriter, r *http.Request, data []byte) {
			w.Header().Set("Content-Length", "1000")
			w.Write(data[:10])
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		},
	})
	dir := t.TempDir()
	opts, _ := downloadOpts(files, m.url("slow"))
	opts.stallTimeout = 100 * time.Millisecond
	err := Download(context.Background(), dir, opts)
	checkOneLine(t, err, m.url("slow")+TrainImagesFile+".gz: stalled: no data for 100ms")
	if names := dirNames(t, dir); len(names) != 0 {
		t.Fatalf("left behind %q", names)
	}
}

func TestDownloadUnreachableAndCancelled(t *testing.T) {
	files := newFakeSet().gz(t)
	m := newMirror(t, files, nil)
	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL + "/x/"
	dead.Close()
	opts, _ := downloadOpts(files, deadURL, m.url("broken")+"%zz")
	err := Download(context.Background(), t.TempDir(), opts)
	checkOneLine(t, err, deadURL+TrainImagesFile+".gz: ", "; ", "%zz")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	opts, _ = downloadOpts(files, m.url("ok"), m.url("ok2"))
	err = Download(ctx, t.TempDir(), opts)
	checkOneLine(t, err, "download of "+q(TrainImagesFile+".gz")+" cancelled")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("errors.Is(%v, context.Canceled) = false", err)
	}
	if m.total() != 0 {
		t.Errorf("%d requests after cancel", m.total())
	}
}

func TestDownloadNoMirrors(t *testing.T) {
	opts, _ := downloadOpts(nil)
	opts.Mirrors = []string{}
	checkOneLine(t, Download(context.Background(), t.TempDir(), opts), "no download mirrors")
}

func TestOpenDownloads(t *testing.T) {
	files := newFakeSet().gz(t)
	m := newMirror(t, files, nil)
	sb := newSandbox(t)
	sb.opts.NoDownload = false
	sb.opts.Mirrors = []string{m.url("ok")}
	sb.opts.sums = sums(files)
	s, err := Open(sb.opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Source != "downloaded to "+sb.cache || s.Train.Len() != 6 {
		t.Fatalf("Source %q, %d images", s.Source, s.Train.Len())
	}
	n := m.total()
	s, err = Open(sb.opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Source != "cache "+sb.cache || m.total() != n {
		t.Fatalf("second Open: Source %q, %d more requests", s.Source, m.total()-n)
	}
}

func TestRemoveStaleTemps(t *testing.T) {
	dir := t.TempDir()
	old := writeFile(t, dir, "."+TrainImagesFile+".gz.tmp-123", []byte("x"))
	fresh := writeFile(t, dir, "."+TestImagesFile+".gz.tmp-456", []byte("x"))
	long := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	removeStaleTemps(dir)
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("stale temp file kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("fresh temp file removed")
	}
}
