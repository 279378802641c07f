package mnist

import (
	"io"
	"os"
)

// source is an IDX file or stream to decode.
type source struct {
	r    io.Reader
	name string // for error messages
	size int64  // bytes in r if known, else -1
	// reopen returns r positioned at its start again, for a second pass
	// over a large payload; nil if r cannot be read twice.
	reopen func() (io.Reader, error)
	// upFront overrides maxUpFront when positive (for tests).
	upFront int64
}

// maxUpFront is the largest payload allocated in one piece before the
// stream has shown that it holds that many bytes. It is far above the
// MNIST files (47 MB at most), which are thus read into one exact
// allocation, and far below what a lying header can announce (MaxPayload).
const maxUpFront = 64 << 20

func (s source) upFrontLimit() int64 {
	if s.upFront > 0 {
		return s.upFront
	}
	return maxUpFront
}

// fileSource reads the open file f of size bytes, from its start.
func fileSource(f *os.File, path string, size int64) source {
	return source{r: f, name: path, size: size, reopen: seekBack(f, f, 0)}
}

// streamSource reads r, of unknown size; it can be read twice if r can seek.
func streamSource(r io.Reader, name string) source {
	src := source{r: r, name: name, size: -1}
	if s, ok := r.(io.Seeker); ok {
		if start, err := s.Seek(0, io.SeekCurrent); err == nil {
			src.reopen = seekBack(s, r, start)
		}
	}
	return src
}

// seekBack returns a reopen function that moves s back to offset start and
// then reads r (which reads from s).
func seekBack(s io.Seeker, r io.Reader, start int64) func() (io.Reader, error) {
	return func() (io.Reader, error) {
		if _, err := s.Seek(start, io.SeekStart); err != nil {
			return nil, err
		}
		return r, nil
	}
}
