package mnist

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
)

// IDX magic numbers: two zero bytes, the element type (0x08 = uint8) and the
// number of dimensions.
const (
	imagesMagic = 0x00000803 // 2051: uint8, 3 dimensions (n, rows, cols)
	labelsMagic = 0x00000801 // 2049: uint8, 1 dimension (n)
)

// Limits on header fields; anything larger is treated as a corrupt header
// rather than an allocation request.
const (
	// MaxDim is the largest accepted number of rows or columns per image.
	MaxDim = 1024
	// MaxCount is the largest accepted number of images or labels in one file.
	MaxCount = 10_000_000
	// MaxPayload is the largest accepted number of pixel or label bytes in
	// one file (2 GiB; the MNIST training images are 47 MB).
	MaxPayload = 2 << 30
)

// Images holds N images of Rows×Cols uint8 pixels, stored row-major one image
// after the other in Pixels (len(Pixels) == N*Rows*Cols).
type Images struct {
	N, Rows, Cols int
	Pixels        []uint8
}

// Size returns the number of pixels in one image (Rows*Cols).
func (im *Images) Size() int { return im.Rows * im.Cols }

// Image returns the pixels of image i (a sub-slice of Pixels, not a copy).
// It panics if i is out of range.
func (im *Images) Image(i int) []uint8 {
	if i < 0 || i >= im.N {
		panic(fmt.Sprintf("mnist: image index %d out of range [0,%d)", i, im.N))
	}
	sz := im.Size()
	return im.Pixels[i*sz : (i+1)*sz : (i+1)*sz]
}

// ReadImages reads an IDX3 uint8 image file (magic 2051), plain or gzip
// compressed; compression is detected from the content, not the file name.
// The file must hold exactly the pixels its header announces. Every error is
// one line that names the file.
func ReadImages(path string) (*Images, error) {
	f, size, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readImages(fileSource(f, path, size))
}

// ReadImagesFrom is [ReadImages] for an already open stream; name is used
// only in error messages. If r is also an [io.Seeker] (as an *os.File is), a
// large payload is first checked without keeping it and then read again
// from where r started; otherwise memory grows with the bytes that arrive.
func ReadImagesFrom(r io.Reader, name string) (*Images, error) {
	return readImages(streamSource(r, name))
}

// ReadLabels reads an IDX1 uint8 label file (magic 2049), plain or gzip
// compressed, with the same checks and error style as [ReadImages].
func ReadLabels(path string) ([]uint8, error) {
	f, size, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLabels(fileSource(f, path, size))
}

// ReadLabelsFrom is [ReadLabels] for an already open stream; name is used
// only in error messages.
func ReadLabelsFrom(r io.Reader, name string) ([]uint8, error) {
	return readLabels(streamSource(r, name))
}

func readImages(src source) (*Images, error) {
	d, err := newIDXReader(src)
	if err != nil {
		return nil, err
	}
	im, err := d.imagesHeader()
	if err != nil {
		return nil, err
	}
	want := int64(im.N) * int64(im.Rows) * int64(im.Cols)
	if im.Pixels, err = d.payload(want, "pixel bytes"); err != nil {
		return nil, err
	}
	return im, nil
}

// imagesHeader reads and checks an images file's header; the Images it
// returns have no Pixels yet.
func (d *idxReader) imagesHeader() (*Images, error) {
	var hdr [16]byte
	if err := d.header(hdr[:], imagesMagic, "images"); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[4:])
	rows := binary.BigEndian.Uint32(hdr[8:])
	cols := binary.BigEndian.Uint32(hdr[12:])
	if n > MaxCount {
		return nil, d.errorf("bad header: %d images, want at most %d", n, MaxCount)
	}
	if rows == 0 || cols == 0 || rows > MaxDim || cols > MaxDim {
		return nil, d.errorf("bad header: image size %dx%d, want rows and cols in 1..%d", rows, cols, MaxDim)
	}
	return &Images{N: int(n), Rows: int(rows), Cols: int(cols)}, nil
}

func readLabels(src source) ([]uint8, error) {
	d, err := newIDXReader(src)
	if err != nil {
		return nil, err
	}
	n, err := d.labelsHeader()
	if err != nil {
		return nil, err
	}
	return d.payload(int64(n), "label bytes")
}

// labelsHeader reads and checks a labels file's header and returns the
// number of labels it announces.
func (d *idxReader) labelsHeader() (uint32, error) {
	var hdr [8]byte
	if err := d.header(hdr[:], labelsMagic, "labels"); err != nil {
		return 0, err
	}
	n := binary.BigEndian.Uint32(hdr[4:])
	if n > MaxCount {
		return 0, d.errorf("bad header: %d labels, want at most %d", n, MaxCount)
	}
	return n, nil
}

// maxDeflateRatio bounds how much deflate can expand its input.
const maxDeflateRatio = 1032

// idxReader decodes one IDX stream, transparently gunzipping it, and keeps
// what it needs to word errors.
type idxReader struct {
	src  source
	name string
	r    io.Reader // decompressed stream
	gz   *gzipStream
	left int64  // plain stream: bytes left in the file if known, else -1
	most int64  // upper bound on the bytes left after decompression, or -1
	hdr  []byte // the header, once read
}

func newIDXReader(src source) (*idxReader, error) {
	size := src.size
	br := bufio.NewReaderSize(src.r, 64<<10)
	d := &idxReader{src: src, name: src.name, r: br, left: size, most: size}
	magic, err := br.Peek(2)
	if len(magic) == 0 {
		if err == io.EOF {
			return nil, d.errorf("empty file")
		}
		return nil, d.errorf("read error: %w", err)
	}
	if isGzip(magic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, d.gzipError(err)
		}
		zr.Multistream(false)
		d.gz = &gzipStream{br: br, zr: zr}
		d.r, d.left = d.gz, -1
		if size >= 0 {
			// Deflate expands at most 1032:1, so a file of known size bounds
			// how much its header can honestly announce.
			d.most = size*maxDeflateRatio + 1<<20
		}
	}
	return d, nil
}

func (d *idxReader) errorf(format string, args ...any) error {
	return fmt.Errorf("mnist: %q: "+format, append([]any{d.name}, args...)...)
}

// gzipError words an error returned by the gzip layer.
func (d *idxReader) gzipError(err error) error {
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		return d.errorf("truncated gzip stream")
	}
	return d.errorf("corrupt gzip data: %w", err)
}

// readError words a read error other than a clean end of stream.
func (d *idxReader) readError(err error, got, want int64, what string) error {
	if d.gz != nil {
		if err == io.ErrUnexpectedEOF {
			return d.errorf("truncated gzip stream: got %d of %d %s", got, want, what)
		}
		return d.errorf("corrupt gzip data after %d of %d %s: %w", got, want, what, err)
	}
	return d.errorf("read error after %d of %d %s: %w", got, want, what, err)
}

// fill reads into buf until it is full or the stream ends cleanly; unlike
// io.ReadFull it keeps a clean end (io.EOF → nil) apart from a broken stream.
func (d *idxReader) fill(buf []byte) (int, error) {
	got := 0
	for got < len(buf) {
		n, err := d.r.Read(buf[got:])
		got += n
		if err == io.EOF {
			return got, nil
		}
		if err != nil {
			return got, err
		}
	}
	return got, nil
}

// header reads len(hdr) header bytes and checks the magic number.
func (d *idxReader) header(hdr []byte, wantMagic uint32, kind string) error {
	got, err := d.fill(hdr)
	if err != nil {
		return d.readError(err, int64(got), int64(len(hdr)), "header bytes")
	}
	if got == 0 && d.gz != nil {
		return d.errorf("empty after decompression")
	}
	if got >= 4 {
		// Check the magic first: a wrong kind of file is the better diagnosis.
		if magic := binary.BigEndian.Uint32(hdr); magic != wantMagic {
			hint := ""
			switch magic {
			case imagesMagic:
				hint = " (this is an images file)"
			case labelsMagic:
				hint = " (this is a labels file)"
			default:
				if isText(hdr[:4]) {
					hint = fmt.Sprintf(" (starts with text %q: not an IDX file)", hdr[:4])
				}
			}
			return d.errorf("bad magic 0x%08x, want 0x%08x (%s)%s", magic, wantMagic, kind, hint)
		}
	}
	if got < len(hdr) {
		return d.errorf("truncated header: want %d bytes, got %d", len(hdr), got)
	}
	if d.left >= 0 {
		d.left -= int64(len(hdr))
		d.most = d.left
	}
	d.hdr = hdr
	return nil
}

func isText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}
