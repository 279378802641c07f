package mnist

import (
	"errors"
	"fmt"
	"os"

	"github.com/vaetop/vaetop/regularfile"
)

// openRegular opens path for reading and returns its size; anything but a
// regular file is refused before it can block (see package regularfile).
func openRegular(path string) (*os.File, int64, error) {
	f, st, err := regularfile.Open(path)
	var nr *regularfile.NotRegularError
	switch {
	case errors.As(err, &nr):
		return nil, 0, fmt.Errorf("mnist: %w", err)
	case err != nil:
		return nil, 0, fileError(path, err)
	}
	return f, st.Size(), nil
}

// fileError turns an *os.PathError into "mnist: PATH: reason" without
// repeating the operation and path, keeping errors.Is(err, fs.ErrNotExist).
func fileError(path string, err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("mnist: %q: %w", path, err)
}
