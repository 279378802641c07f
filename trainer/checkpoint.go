package trainer

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"reflect"
	"time"

	"github.com/vaetop/vaetop/atomicfile"
	"github.com/vaetop/vaetop/nn"
)

// Checkpoint file layout: magic, header length, JSON header, then the float32
// arrays (weights, Adam moments, BatchNorm running stats) and the epoch
// permutation as little-endian values, then a CRC-32 of everything before.
const (
	ckptMagic   = "VAETOPCK"
	ckptVersion = 1
	maxHeader   = 16 << 20
)

// Checkpoint is a saved run: everything needed to continue it exactly.
type Checkpoint struct {
	Version   int           `json:"version"`
	Options   Options       `json:"options"`
	Beta      float64       `json:"beta_now"` // live values, which commands may have changed
	LR        float64       `json:"lr_now"`
	Epoch     int           `json:"epoch"`
	Pos       int           `json:"pos"`
	Step      int64         `json:"step"`
	AdamStep  int64         `json:"adam_step"`
	Sums      epochSums     `json:"sums"`
	History   []EpochMetric `json:"history"`
	TrainTime time.Duration `json:"train_time"`
	Elapsed   time.Duration `json:"elapsed"`
	RNG       rngStates     `json:"rng"`
	NW        int           `json:"n_weights"`
	NState    int           `json:"n_state"`
	NPerm     int           `json:"n_perm"`
	TrainSize int           `json:"train_size"`
	Saved     time.Time     `json:"saved"`

	w, m, v, state []float32
	perm           []int
}

type rngStates struct {
	Noise, Shuffle, Visual, Query []byte
}

// SaveTo writes a checkpoint atomically: to a temporary file in the same
// directory, synced, then renamed over path. Call only from the training
// goroutine (Run does; viewers send SaveCheckpoint).
func (t *Trainer) SaveTo(path string) error {
	ck := &Checkpoint{
		Version: ckptVersion, Options: t.opts, Beta: t.beta, LR: t.lr,
		Epoch: t.epoch, Pos: t.pos, Step: t.step, AdamStep: t.adam.Step, Sums: t.sums,
		History: t.history, TrainTime: t.trainTime, Elapsed: t.elapsed,
		NW: len(t.model.Params.W), NState: len(t.model.Params.State), NPerm: len(t.perm),
		TrainSize: t.trainSize(), Saved: time.Now().UTC(),
		w: t.model.Params.W, m: t.adam.M, v: t.adam.V, state: t.model.Params.State, perm: t.perm,
	}
	var err error
	for _, r := range []struct {
		g   *nn.RNG
		dst *[]byte
	}{{t.model.Noise, &ck.RNG.Noise}, {t.shuffle, &ck.RNG.Shuffle}, {t.visual, &ck.RNG.Visual}, {t.query, &ck.RNG.Query}} {
		if *r.dst, err = r.g.MarshalBinary(); err != nil {
			return err
		}
	}
	if err := atomicfile.Write(path, ck.encode); err != nil {
		return fmt.Errorf("checkpoint %w", err)
	}
	return nil
}

func (ck *Checkpoint) encode(w io.Writer) error {
	h := crc32.NewIEEE()
	bw := bufio.NewWriter(io.MultiWriter(w, h))
	hdr, err := ck.marshalHeader()
	if err != nil {
		return err
	}
	bw.WriteString(ckptMagic)
	binary.Write(bw, binary.LittleEndian, uint32(len(hdr)))
	bw.Write(hdr)
	for _, a := range [][]float32{ck.w, ck.m, ck.v, ck.state} {
		if err := binary.Write(bw, binary.LittleEndian, a); err != nil {
			return err
		}
	}
	perm := make([]uint32, len(ck.perm))
	for i, p := range ck.perm {
		perm[i] = uint32(p)
	}
	binary.Write(bw, binary.LittleEndian, perm)
	if err := bw.Flush(); err != nil {
		return err
	}
	return binary.Write(w, binary.LittleEndian, h.Sum32())
}

// ReadCheckpoint reads and verifies a checkpoint file. Errors are one line
// naming the file.
func ReadCheckpoint(path string) (*Checkpoint, error) {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("checkpoint %s: %s", path, fmt.Sprintf(format, a...))
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, bad("no such file")
		}
		return nil, bad("%v", err)
	}
	if len(raw) < len(ckptMagic)+8 || string(raw[:len(ckptMagic)]) != ckptMagic {
		return nil, bad("not a vaetop checkpoint (bad magic)")
	}
	body, sum := raw[:len(raw)-4], binary.LittleEndian.Uint32(raw[len(raw)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, bad("checksum mismatch: the file is truncated or corrupt")
	}
	r := bytes.NewReader(body[len(ckptMagic):])
	var hlen uint32
	binary.Read(r, binary.LittleEndian, &hlen)
	if hlen > maxHeader || int(hlen) > r.Len() {
		return nil, bad("header length %d is out of range", hlen)
	}
	hdr := make([]byte, hlen)
	io.ReadFull(r, hdr)
	ck := &Checkpoint{}
	if err := ck.unmarshalHeader(hdr); err != nil {
		return nil, bad("bad header: %v", err)
	}
	if ck.Version != ckptVersion {
		return nil, bad("version %d, this vaetop reads version %d", ck.Version, ckptVersion)
	}
	if err := ck.Options.Validate(); err != nil {
		return nil, bad("%v", err)
	}
	want := 4 * (3*ck.NW + ck.NState + ck.NPerm)
	if ck.NW < 0 || ck.NState < 0 || ck.NPerm < 0 || r.Len() != want {
		return nil, bad("payload is %d bytes, header says %d", r.Len(), want)
	}
	read := func(n int) []float32 {
		a := make([]float32, n)
		binary.Read(r, binary.LittleEndian, a)
		return a
	}
	ck.w, ck.m, ck.v, ck.state = read(ck.NW), read(ck.NW), read(ck.NW), read(ck.NState)
	perm := make([]uint32, ck.NPerm)
	binary.Read(r, binary.LittleEndian, perm)
	ck.perm = make([]int, len(perm))
	for i, p := range perm {
		if int(p) >= ck.TrainSize {
			return nil, bad("permutation entry %d out of range", p)
		}
		ck.perm[i] = int(p)
	}
	for _, v := range ck.w {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil, bad("weights contain NaN or Inf")
		}
	}
	return ck, nil
}

// FromCheckpoint builds a trainer that continues ck exactly. opts normally starts
// as ck.Options with this process's settings (checkpoint path, metrics,
// epochs, β, learning rate) changed; the model, batch, seed and data must
// match the checkpoint.
func FromCheckpoint(ck *Checkpoint, opts Options, data Data) (*Trainer, error) {
	saved := ck.Options
	switch {
	case !reflect.DeepEqual(saved.Model, opts.Model):
		return nil, fmt.Errorf("the checkpoint's model (%s) differs from the flags (%s)", saved.Model, opts.Model)
	case saved.Batch != opts.Batch:
		return nil, fmt.Errorf("--batch %d differs from the checkpoint's %d", opts.Batch, saved.Batch)
	case saved.Seed != opts.Seed:
		return nil, fmt.Errorf("--seed %d differs from the checkpoint's %d", opts.Seed, saved.Seed)
	case saved.TrainLimit != opts.TrainLimit:
		return nil, fmt.Errorf("--train-limit %d differs from the checkpoint's %d", opts.TrainLimit, saved.TrainLimit)
	}
	t, err := New(opts, data)
	if err != nil {
		return nil, err
	}
	if t.trainSize() != ck.TrainSize {
		return nil, fmt.Errorf("the checkpoint trained on %d images, this data has %d", ck.TrainSize, t.trainSize())
	}
	if len(t.model.Params.W) != ck.NW || len(t.model.Params.State) != ck.NState {
		return nil, fmt.Errorf("checkpoint holds %d weights, the model has %d", ck.NW, len(t.model.Params.W))
	}
	copy(t.model.Params.W, ck.w)
	copy(t.adam.M, ck.m)
	copy(t.adam.V, ck.v)
	copy(t.model.Params.State, ck.state)
	t.adam.Step = ck.AdamStep
	t.epoch, t.pos, t.step, t.sums = ck.Epoch, ck.Pos, ck.Step, ck.Sums
	t.history = append([]EpochMetric(nil), ck.History...)
	t.trainTime, t.elapsed = ck.TrainTime, ck.Elapsed
	if ck.NPerm > 0 {
		t.perm = ck.perm
	}
	// β and the learning rate continue from where the run was unless this
	// process was given new values.
	if opts.Beta == saved.Beta {
		t.beta = ck.Beta
	}
	if opts.LR == saved.LR {
		t.lr = ck.LR
	}
	for _, r := range []struct {
		g   *nn.RNG
		src []byte
	}{{t.model.Noise, ck.RNG.Noise}, {t.shuffle, ck.RNG.Shuffle}, {t.visual, ck.RNG.Visual}, {t.query, ck.RNG.Query}} {
		if err := r.g.UnmarshalBinary(r.src); err != nil {
			return nil, fmt.Errorf("checkpoint random state: %v", err)
		}
	}
	t.refreshVisuals()
	return t, nil
}
