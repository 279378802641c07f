package mnist

import (
	"context"
	"fmt"
	"io"
)

// ctxChunk is the most a ctxReader reads at once. Large reads go straight
// through bufio to the file, so without a cap one Read could take in a whole
// 47 MB file before the context is looked at again.
const ctxChunk = 1 << 20

// ctxReader reads from r until ctx is done: every Read first checks ctx, and
// reads at most ctxChunk bytes, so a cancelled load stops within one chunk
// with ctx.Err().
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if len(p) > ctxChunk {
		p = p[:ctxChunk]
	}
	return c.r.Read(p)
}

// cancelled is the error for a load of path stopped by ctx; it satisfies
// errors.Is(err, context.Canceled) (or DeadlineExceeded).
func cancelled(ctx context.Context, path string) error {
	return fmt.Errorf("mnist: %q: loading stopped: %w", path, ctx.Err())
}
