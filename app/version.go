package app

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version describes this build from the module's build information: the
// module version (or "(devel)"), the commit and whether the tree was
// modified, and the Go version.
func version() string {
	v, commit, dirty := "(devel)", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	out := "vaetop " + v
	if commit != "" {
		out += " commit " + commit[:min(12, len(commit))]
		if dirty {
			out += " (modified)"
		}
	}
	return fmt.Sprintf("%s, %s %s/%s", out, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
