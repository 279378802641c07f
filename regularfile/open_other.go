//go:build !unix

package regularfile

import "os"

// openFlags is empty where there is no O_NONBLOCK: the Stat before opening
// is then the only guard against blocking on a special file.
const openFlags = 0

func setBlocking(*os.File) error { return nil }
