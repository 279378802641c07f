package mnist

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/mod/module"
)

// Finding the Go module cache the way the go command does, without running
// it, so that `go run .` finds the MNIST files that the GoMNIST dependency
// put there.

// GoMNISTDataDir returns where the GoMNIST module's data/ folder is (or would
// be) in the Go module cache, without running the go command. env looks up
// environment variables (nil means os.Getenv).
func GoMNISTDataDir(env func(string) string) (string, error) {
	mc, err := ModuleCacheDir(env)
	if err != nil {
		return "", err
	}
	escaped, err := module.EscapePath(GoMNISTModule) // the cache's case encoding: "!go!m!n!i!s!t"
	if err != nil {
		return "", fmt.Errorf("mnist: %v", err)
	}
	return filepath.Join(mc, filepath.FromSlash(escaped)+"@"+GoMNISTVersion, "data"), nil
}

// ModuleCacheDir returns the Go module cache directory the way the go
// command finds it, without running it: $GOMODCACHE, else GOMODCACHE from
// the go env file ($GOENV, default <user config dir>/go/env), else the first
// entry of $GOPATH (or GOPATH from the env file) + /pkg/mod, else
// $HOME/go/pkg/mod. env looks up environment variables (nil means os.Getenv).
func ModuleCacheDir(env func(string) string) (string, error) {
	if env == nil {
		env = os.Getenv
	}
	file := goEnvFile(env)
	lookup := func(key string) string {
		if v := env(key); v != "" {
			return v
		}
		return file[key]
	}
	if mc := lookup("GOMODCACHE"); mc != "" {
		if !filepath.IsAbs(mc) {
			return "", fmt.Errorf("mnist: GOMODCACHE=%q is not an absolute path", mc)
		}
		return mc, nil
	}
	if gp := lookup("GOPATH"); gp != "" {
		first := filepath.SplitList(gp)[0]
		if !filepath.IsAbs(first) {
			return "", fmt.Errorf("mnist: GOPATH entry %q is not an absolute path", first)
		}
		return filepath.Join(first, "pkg", "mod"), nil
	}
	home := homeDir(env)
	if home == "" {
		return "", errors.New("mnist: cannot find the Go module cache: GOMODCACHE, GOPATH and HOME are all unset")
	}
	return filepath.Join(home, "go", "pkg", "mod"), nil
}

func homeDir(env func(string) string) string {
	if runtime.GOOS == "windows" {
		return env("USERPROFILE")
	}
	return env("HOME")
}

// goEnvFile reads the settings written by `go env -w` (KEY=VALUE lines).
// A missing, unreadable or non-regular file yields no settings.
func goEnvFile(env func(string) string) map[string]string {
	path := env("GOENV")
	if path == "off" {
		return nil
	}
	if path == "" {
		cfg := userConfigDir(env)
		if cfg == "" {
			return nil
		}
		path = filepath.Join(cfg, "go", "env")
	}
	f, _, err := openRegular(path) // a named pipe must not hang the lookup
	if err != nil {
		return nil
	}
	defer f.Close()
	vals := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, val, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if ok && key != "" && !strings.HasPrefix(key, "#") {
			vals[strings.TrimSpace(key)] = strings.TrimSpace(val)
		}
	}
	return vals
}

// userConfigDir mirrors os.UserConfigDir but reads variables through env.
func userConfigDir(env func(string) string) string {
	switch runtime.GOOS {
	case "windows":
		return env("AppData")
	case "darwin", "ios":
		if h := env("HOME"); h != "" {
			return filepath.Join(h, "Library", "Application Support")
		}
		return ""
	case "plan9":
		if h := env("home"); h != "" {
			return filepath.Join(h, "lib")
		}
		return ""
	}
	if x := env("XDG_CONFIG_HOME"); x != "" {
		return x
	}
	if h := env("HOME"); h != "" {
		return filepath.Join(h, ".config")
	}
	return ""
}
