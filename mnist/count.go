package mnist

import "encoding/binary"

// declaredCount reads only the header of an IDX file and returns the
// number of items it declares, or false if the header cannot be read (the
// full load then says why). It lets a set whose images and labels
// disagree fail before gigabytes are read for the images.
func declaredCount(path string) (uint32, bool) {
	f, size, err := openRegular(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	d, err := newIDXReader(fileSource(f, path, size))
	if err != nil {
		return 0, false
	}
	var hdr [8]byte
	if n, err := d.fill(hdr[:]); err != nil || n < len(hdr) {
		return 0, false
	}
	return binary.BigEndian.Uint32(hdr[4:]), true
}

// checkCounts compares what an images file and its labels file declare.
func checkCounts(images, labels string) error {
	n, ok1 := declaredCount(images)
	m, ok2 := declaredCount(labels)
	if ok1 && ok2 && n != m {
		return countMismatch(images, int(n), labels, int(m))
	}
	return nil
}
