package mnist

import (
	"bytes"
	"io"
	"math"
)

// payload reads exactly want bytes and then checks that the stream ends
// there. What it allocates before the data has arrived is bounded, so a
// header announcing far more than the input holds (a gzip bomb, say) fails
// without a matching allocation:
//
//   - when the input is known to hold want bytes (a plain file that large),
//     or may hold them and want is at most maxUpFront, it is read into one
//     exact allocation;
//   - a larger claim on an input that can be read twice is first checked by
//     decompressing it without keeping the bytes, then read again into one
//     exact allocation;
//   - otherwise the buffer grows with the bytes that actually arrive.
func (d *idxReader) payload(want int64, what string) ([]byte, error) {
	if want > MaxPayload {
		return nil, d.errorf("bad header: %d %s announced, want at most %d", want, what, int64(MaxPayload))
	}
	if d.left >= 0 && d.left < want {
		return nil, d.truncated(want, what, d.left)
	}
	upFront := d.src.upFrontLimit()
	switch {
	case d.left >= want, d.most >= want && want <= upFront:
		return d.readExact(want, what)
	case want > upFront && d.src.reopen != nil:
		return d.readTwice(want, what)
	default:
		return d.readGrowing(want, what)
	}
}

func (d *idxReader) truncated(want int64, what string, got int64) error {
	return d.errorf("truncated: want %d %s, got %d", want, what, got)
}

// readExact reads want bytes into one allocation of that size. An
// allocation above maxUpFront that the system would refuse is an error.
func (d *idxReader) readExact(want int64, what string) ([]byte, error) {
	if want > maxUpFront {
		if want > math.MaxInt {
			return nil, d.errorf("%d %s do not fit in memory on this platform", want, what)
		}
		if err := probeAllocation(want); err != nil {
			return nil, d.errorf("cannot allocate %d %s: %w", want, what, err)
		}
	}
	buf := make([]byte, want)
	n, err := d.fill(buf)
	if err != nil {
		return nil, d.readError(err, int64(n), want, what)
	}
	if int64(n) < want {
		return nil, d.truncated(want, what, int64(n))
	}
	if err := d.atEnd(want, what); err != nil {
		return nil, err
	}
	return buf, nil
}

// readTwice checks the whole input (length, end, gzip CRC) while keeping
// nothing, then reads it again from the start into one exact allocation.
func (d *idxReader) readTwice(want int64, what string) ([]byte, error) {
	if err := d.skip(want, what); err != nil {
		return nil, err
	}
	if err := d.atEnd(want, what); err != nil {
		return nil, err
	}
	r, err := d.src.reopen()
	if err != nil {
		return nil, d.errorf("cannot read it a second time: %w", err)
	}
	again, err := newIDXReader(source{r: r, name: d.name, size: d.src.size})
	if err != nil {
		return nil, err
	}
	hdr := make([]byte, len(d.hdr))
	if n, err := again.fill(hdr); err != nil || n < len(hdr) || !bytes.Equal(hdr, d.hdr) {
		return nil, d.errorf("changed while being read")
	}
	return again.readExact(want, what)
}

// skip reads want bytes without keeping them.
func (d *idxReader) skip(want int64, what string) error {
	scratch := make([]byte, 64<<10)
	var got int64
	for got < want {
		part := scratch[:min(int64(len(scratch)), want-got)]
		n, err := d.fill(part)
		got += int64(n)
		if err != nil {
			return d.readError(err, got, want, what)
		}
		if n < len(part) {
			return d.truncated(want, what, got)
		}
	}
	return nil
}

// Chunk sizes for readGrowing.
const (
	firstChunk = 64 << 10
	maxChunk   = 16 << 20
)

// readGrowing reads want bytes from an input that has not shown it holds
// them and cannot be read twice. It keeps what arrives in chunks of doubling
// size and joins them once all have arrived, so memory stays within about
// twice the bytes actually received.
func (d *idxReader) readGrowing(want int64, what string) ([]byte, error) {
	var chunks [][]byte
	var got int64
	for size := int64(firstChunk); got < want; size = min(2*size, maxChunk) {
		c := make([]byte, min(size, want-got))
		n, err := d.fill(c)
		got += int64(n)
		chunks = append(chunks, c[:n])
		if err != nil {
			return nil, d.readError(err, got, want, what)
		}
		if n < len(c) {
			return nil, d.truncated(want, what, got)
		}
	}
	if err := d.atEnd(want, what); err != nil {
		return nil, err
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	buf := make([]byte, 0, want)
	for i, c := range chunks {
		buf = append(buf, c...)
		chunks[i] = nil // let the collector have it during the copy
	}
	return buf, nil
}

// atEnd checks that nothing follows the payload. For gzip input this also
// reads the gzip trailer, so its CRC-32 and length are verified.
func (d *idxReader) atEnd(want int64, what string) error {
	extra, err := io.Copy(io.Discard, d.r)
	if err == errTrailingGarbage {
		rest, _ := io.Copy(io.Discard, d.gz.br)
		return d.errorf("trailing garbage: %d bytes after the gzip stream", rest)
	}
	if d.gz != nil && err == io.ErrUnexpectedEOF {
		return d.errorf("truncated gzip stream: all %d %s present but the gzip trailer is cut", want, what)
	}
	if err != nil {
		return d.readError(err, want, want, what)
	}
	if extra > 0 {
		return d.errorf("trailing garbage: %d extra bytes after %d %s", extra, want, what)
	}
	return nil
}
