package trainer

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"math"
	"testing"
)

// craftedCheckpoint is a valid checkpoint taken apart so a test can change
// any field and put it back together with a correct CRC: what someone
// editing the file by hand could produce.
type craftedCheckpoint struct {
	header  map[string]any // numbers as json.Number, so they survive exactly
	payload []byte
	nw, ns  int // counts of the original, to find the arrays in payload
}

func validCheckpointBytes(t testing.TB) []byte {
	t.Helper()
	tr, _ := tinyTrainer(t)
	return encodeTrainer(t, tr)
}

func encodeTrainer(t testing.TB, tr *Trainer) []byte {
	t.Helper()
	ck, err := tr.checkpoint()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ck.encode(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func craft(t testing.TB, raw []byte) *craftedCheckpoint {
	t.Helper()
	body := raw[len(ckptMagic) : len(raw)-4]
	hlen := binary.LittleEndian.Uint32(body)
	dec := json.NewDecoder(bytes.NewReader(body[4 : 4+hlen]))
	dec.UseNumber()
	c := &craftedCheckpoint{payload: append([]byte(nil), body[4+hlen:]...)}
	if err := dec.Decode(&c.header); err != nil {
		t.Fatal(err)
	}
	nw, _ := c.header["n_weights"].(json.Number).Int64()
	ns, _ := c.header["n_state"].(json.Number).Int64()
	c.nw, c.ns = int(nw), int(ns)
	return c
}

// bytes encodes the checkpoint with a fresh CRC.
func (c *craftedCheckpoint) bytes(t testing.TB) []byte {
	t.Helper()
	hdr, err := json.Marshal(c.header)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString(ckptMagic)
	binary.Write(&b, binary.LittleEndian, uint32(len(hdr)))
	b.Write(hdr)
	b.Write(c.payload)
	binary.Write(&b, binary.LittleEndian, crc32.ChecksumIEEE(b.Bytes()))
	return b.Bytes()
}

// obj returns the header object at a dotted path such as "options.model".
func (c *craftedCheckpoint) obj(path ...string) map[string]any {
	m := c.header
	for _, k := range path {
		m = m[k].(map[string]any)
	}
	return m
}

func (c *craftedCheckpoint) history(i int) map[string]any {
	return c.header["history"].([]any)[i].(map[string]any)
}

// Offsets of the payload's arrays, in float32/uint32 units.
func (c *craftedCheckpoint) weightsAt(i int) int { return i }
func (c *craftedCheckpoint) firstAt(i int) int   { return c.nw + i }
func (c *craftedCheckpoint) secondAt(i int) int  { return 2*c.nw + i }
func (c *craftedCheckpoint) stateAt(i int) int   { return 3*c.nw + i }
func (c *craftedCheckpoint) permAt(i int) int    { return 3*c.nw + c.ns + i }

func (c *craftedCheckpoint) setFloat(at int, v float32) {
	binary.LittleEndian.PutUint32(c.payload[4*at:], math.Float32bits(v))
}

func (c *craftedCheckpoint) setUint(at int, v uint32) {
	binary.LittleEndian.PutUint32(c.payload[4*at:], v)
}

func (c *craftedCheckpoint) uint(at int) uint32 { return binary.LittleEndian.Uint32(c.payload[4*at:]) }
