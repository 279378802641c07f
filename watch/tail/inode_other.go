//go:build !unix

package tail

import (
	"io/fs"
	"os"
)

// keepOpen is false where files have no inode number to compare: the file
// is opened afresh at each Poll and closed before it returns, so a file
// renamed over the path is read at the next Poll (and, on Windows, holding
// it open would make the writer's rename over it fail). A replacement is
// then seen only through the size and the fingerprint of the first and last
// bytes read.
const keepOpen = false

// openFlags is empty where there is no O_NONBLOCK: the stat before opening
// is then the only guard against blocking on a special file.
const openFlags = 0

// fileID compares nothing here.
type fileID struct{}

func idOf(fs.FileInfo) (fileID, bool) { return fileID{}, false }

func setBlocking(*os.File) error { return nil }
