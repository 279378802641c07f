package mnist

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io"
)

// The gzip layer under the IDX reader: MNIST ships as .gz files, and a file
// may hold several gzip members, as gzip(1) writes when files are joined.

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// errTrailingGarbage reports bytes after the last gzip member that do not
// start another member.
var errTrailingGarbage = errors.New("trailing garbage after the gzip stream")

// gzipStream reads a gzip file member by member (as gzip(1) does) but, unlike
// gzip.Reader in multistream mode, tells a truncated file (io.ErrUnexpectedEOF)
// apart from garbage after the last member (errTrailingGarbage).
type gzipStream struct {
	br *bufio.Reader
	zr *gzip.Reader
}

func (s *gzipStream) Read(p []byte) (int, error) {
	for {
		n, err := s.zr.Read(p)
		if err != io.EOF {
			return n, err
		}
		if n > 0 {
			return n, nil // the next call moves on to what follows this member
		}
		next, err := s.br.Peek(2)
		if len(next) == 0 {
			if err == io.EOF {
				return 0, io.EOF
			}
			return 0, err
		}
		if !isGzip(next) {
			return 0, errTrailingGarbage
		}
		if err := s.zr.Reset(s.br); err != nil {
			return 0, err
		}
		s.zr.Multistream(false)
	}
}
