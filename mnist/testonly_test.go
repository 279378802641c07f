package mnist

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// openTestOnly is Open of dir with Options.TestOnly.
func openTestOnly(dir string) (*Set, error) {
	return Open(Options{Dir: dir, TestOnly: true, NoDownload: true})
}

// A test-only load never reads the training files past their headers: a
// training images file cut short after its header, which a full load
// refuses, is not noticed.
func TestTestOnlyLeavesTheTrainingPayloadUnread(t *testing.T) {
	dir := t.TempDir()
	fs := newFakeSet()
	fs[TrainImagesFile] = fs[TrainImagesFile][:20]
	fs.writePlain(t, dir)
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("a full load: %v, want a truncated file", err)
	}
	s, err := openTestOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	tr := s.Train
	if tr.Len() != 6 || tr.Images.Rows != 4 || tr.Images.Cols != 3 || tr.Images.Pixels != nil || tr.Labels != nil {
		t.Fatalf("training set: %d images of %dx%d, %d pixels, %d labels; want 6 of 4x3 and no data",
			tr.Len(), tr.Images.Rows, tr.Images.Cols, len(tr.Images.Pixels), len(tr.Labels))
	}
	if !bytes.Equal(s.Test.Labels, []uint8{7, 2, 1}) || !bytes.Equal(s.Test.Images.Pixels, newFakeSet()[TestImagesFile][16:]) {
		t.Fatal("test data differs")
	}
}

// Nor does it hash them: a training file whose MD5 is wrong passes where
// only official files are accepted, while the test files are still
// checked and a user's unofficial test files still get their warnings.
func TestTestOnlyHashesTheTestFilesAlone(t *testing.T) {
	dir := t.TempDir()
	table := newFakeSet().writeGz(t, dir)
	wrong := sumTable{}
	for name, sum := range table {
		wrong[name] = sum
	}
	const zeros = "00000000000000000000000000000000"
	wrong[TrainImagesFile+".gz"], wrong[TrainLabelsFile+".gz"] = zeros, zeros
	if _, err := loadDir(context.Background(), dir, checkStrict, wrong); err == nil {
		t.Fatal("a full load accepted a training file with the wrong MD5")
	}
	if _, err := loadSet(context.Background(), dir, checkStrict, wrong, true); err != nil {
		t.Fatalf("a test-only load hashed the training files: %v", err)
	}
	wrong[TestLabelsFile+".gz"] = zeros
	_, err := loadSet(context.Background(), dir, checkStrict, wrong, true)
	checkOneLine(t, err, TestLabelsFile+".gz\": MD5 mismatch")

	s, err := openTestOnly(dir) // official sums: the fake files are not
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 2 || !strings.Contains(s.Warnings[0], TestImagesFile) || !strings.Contains(s.Warnings[1], TestLabelsFile) {
		t.Fatalf("warnings %q, want one for each test file", s.Warnings)
	}
}

// The training files must still be there, and their headers agree with
// each other and with the test files, as in a full load.
func TestTestOnlyChecksTheTrainingHeaders(t *testing.T) {
	cases := []struct {
		name   string
		change func(fakeSet)
		want   []string
	}{
		{"missing", func(s fakeSet) { delete(s, TrainLabelsFile) },
			[]string{"no " + TrainLabelsFile + " or " + TrainLabelsFile + ".gz in", "(from --data)"}},
		{"count mismatch", func(s fakeSet) { s[TrainLabelsFile] = labelsIDX(1, 2, 3) },
			[]string{TrainImagesFile + `" holds 6 images but "`, TrainLabelsFile + `" holds 3 labels`}},
		{"size mismatch", func(s fakeSet) { s[TestImagesFile] = imagesIDX(3, 3, 4, 0) },
			[]string{TestImagesFile + `": test images are 3x4 but training images ("`, TrainImagesFile + `") are 4x3`}},
		{"no images", func(s fakeSet) { s[TrainImagesFile], s[TrainLabelsFile] = imagesIDX(0, 4, 3, 0), labelsIDX() },
			[]string{TrainImagesFile + `": holds no images`}},
		{"swapped", func(s fakeSet) { s[TrainImagesFile], s[TrainLabelsFile] = s[TrainLabelsFile], s[TrainImagesFile] },
			[]string{TrainImagesFile + `": bad magic 0x00000801`}},
		{"bad size", func(s fakeSet) { s[TrainImagesFile] = header(imagesMagic, 6, 0, 3) },
			[]string{TrainImagesFile + `": bad header: image size 0x3`}},
		{"text", func(s fakeSet) { s[TrainLabelsFile] = []byte("oops") },
			[]string{TrainLabelsFile + `": bad magic`, "not an IDX file"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			fs := newFakeSet()
			c.change(fs)
			fs.writePlain(t, dir)
			s, err := openTestOnly(dir)
			if s != nil {
				t.Error("got a set with an error")
			}
			checkOneLine(t, err, c.want...)
		})
	}
}
