package mnist

import "fmt"

// A test-only load (Options.TestOnly) is for a program that only shows a
// trained model (vaetop explore): the test set is read and checked in full,
// while of the training files, six times larger, only the headers are read,
// so that their count and image size are still known and checked.

// trainHeaders reads the headers of the training images and labels files,
// with the checks a full read makes of them. The images it returns have no
// pixels; the labels result holds neither labels nor error on success.
func trainHeaders(imagesPath, labelsPath string) (images, labels fileResult) {
	images.images, images.err = readHeader(imagesPath, func(d *idxReader) (*Images, error) {
		return d.imagesHeader()
	})
	_, labels.err = readHeader(labelsPath, func(d *idxReader) (uint32, error) {
		return d.labelsHeader()
	})
	return images, labels
}

// readHeader opens path and reads its header with read.
func readHeader[T any](path string, read func(*idxReader) (T, error)) (T, error) {
	var zero T
	f, size, err := openRegular(path)
	if err != nil {
		return zero, err
	}
	defer f.Close()
	d, err := newIDXReader(fileSource(f, path, size))
	if err != nil {
		return zero, err
	}
	return read(d)
}

// headerDataset is the training set as its headers describe it (see
// [Options.TestOnly]); path names the images file in errors.
func headerDataset(im *Images, path string) (*Dataset, error) {
	if im.N == 0 {
		return nil, fmt.Errorf("mnist: %q: holds no images", path)
	}
	return &Dataset{Images: im}, nil
}
