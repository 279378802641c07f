package trainer

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A large file whose header does not account for its size is refused
// after reading the header, not the gigabytes behind it.
func TestLargeFileWithAMadeUpHeaderIsNotRead(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sparse.ckpt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	hdr := []byte(`{"n_weights":10}`)
	f.WriteString(ckptMagic)
	binary.Write(f, binary.LittleEndian, uint32(len(hdr)))
	f.Write(hdr)
	if err := f.Truncate(2 << 30); err != nil { // sparse: no disk used
		t.Skip(err)
	}
	f.Close()
	_, err = ReadCheckpoint(p)
	if err == nil || !strings.Contains(err.Error(), "its header says 152") {
		t.Fatalf("ReadCheckpoint = %v", err)
	}
}
