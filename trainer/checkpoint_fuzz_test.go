package trainer

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"strings"
	"testing"
)

// FuzzReadCheckpoint feeds arbitrary bytes to the decoder ReadCheckpoint
// uses. It must not panic, its errors must be one line, and whatever it
// accepts must pass validate and survive being written and read again.
// Random bytes rarely carry a correct CRC, so each input is also tried with
// its last four bytes replaced by a fresh CRC: that lets the fuzzer reach the
// header and payload checks, which are what a file made by hand hits.
//
//	go test ./trainer -run '^$' -fuzz '^FuzzReadCheckpoint$' -fuzztime 20s
//
// Add -fuzzminimizetime 1s to explore more: by default the fuzzer spends up
// to a minute shrinking each input that finds new code, and with kilobyte
// inputs that is most of a short run.
func FuzzReadCheckpoint(f *testing.F) {
	fixture, err := os.ReadFile(fixtureV1)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fixture)
	f.Add(fixture[:len(fixture)/2])
	f.Add([]byte(ckptMagic + "\x00\x00\x00\x00{}"))
	// The fuzzer minimises every input that finds new code, and the time
	// that takes grows fast with its size, so most seeds are a checkpoint of
	// a model with 10 weights (1.2 KB) rather than of the fixture's.
	small := microCheckpointBytes(f)
	f.Add(small)
	for _, mod := range []func(c *craftedCheckpoint){
		func(c *craftedCheckpoint) { c.header["epoch"] = -5 },
		func(c *craftedCheckpoint) { c.history(0)["test_loss"] = "NaN" },
		func(c *craftedCheckpoint) { c.setUint(c.permAt(1), c.uint(c.permAt(0))) },
		func(c *craftedCheckpoint) { c.setFloat(c.secondAt(0), -1) },
		func(c *craftedCheckpoint) { c.obj("sums")["Loss"] = "+Inf" },
		func(c *craftedCheckpoint) { c.header["n_perm"], c.header["pos"] = 0, 0 },
	} {
		c := craft(f, small)
		mod(c)
		f.Add(c.bytes(f))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkDecode(t, raw)
		if len(raw) >= 4 {
			fixed := append([]byte(nil), raw...)
			binary.LittleEndian.PutUint32(fixed[len(fixed)-4:], crc32.ChecksumIEEE(fixed[:len(fixed)-4]))
			checkDecode(t, fixed)
		}
	})
}

// microCheckpointBytes is a checkpoint of a 1-1-z1 model on three 1-pixel
// images, one epoch and one step in.
func microCheckpointBytes(t testing.TB) []byte {
	o := tinyOptions()
	o.Model.Input, o.Model.Hidden, o.Model.Latent, o.Model.BatchNorm = 1, []int{1}, 1, false
	o.Batch, o.Epochs, o.ReconCount, o.SampleCount = 2, 1, 1, 1
	return encodeTrainer(t, oneEpochAndAStep(t, o, squareData(t, 1, 3, 1)))
}

func checkDecode(t *testing.T, raw []byte) {
	ck, err := decodeCheckpoint(raw)
	if err != nil {
		if ck != nil || strings.Contains(err.Error(), "\n") {
			t.Fatalf("error %q with checkpoint %v", err, ck != nil)
		}
		return
	}
	if err := ck.validate(); err != nil {
		t.Fatalf("decoded a checkpoint that fails validation: %v", err)
	}
	var once, twice bytes.Buffer
	if err := ck.encode(&once); err != nil {
		t.Fatalf("re-encoding an accepted checkpoint: %v", err)
	}
	again, err := decodeCheckpoint(once.Bytes())
	if err != nil {
		t.Fatalf("an accepted checkpoint, re-encoded, is refused: %v", err)
	}
	if err := again.encode(&twice); err != nil || !bytes.Equal(once.Bytes(), twice.Bytes()) {
		t.Fatalf("encoding is not stable across a read: %v", err)
	}
}
