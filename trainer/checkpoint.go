package trainer

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"reflect"
	"time"

	"github.com/vaetop/vaetop/atomicfile"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/nn"
	"github.com/vaetop/vaetop/regularfile"
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
	Version   int                `json:"version"`
	RunID     string             `json:"run_id,omitempty"` // absent in files from before it; a resume then gets a new one
	Options   Options            `json:"options"`
	Beta      float64            `json:"beta_now"`           // live values, which commands may have changed
	BetaSet   bool               `json:"beta_set,omitempty"` // a command set β, ending the schedule
	LR        float64            `json:"lr_now"`
	Epoch     int                `json:"epoch"`
	Pos       int                `json:"pos"`
	Step      int64              `json:"step"`
	AdamStep  int64              `json:"adam_step"`
	Sums      epochSums          `json:"sums"`
	History   []live.EpochMetric `json:"history"`
	TrainTime time.Duration      `json:"train_time"`
	Elapsed   time.Duration      `json:"elapsed"`
	RNG       rngStates          `json:"rng"`
	NW        int                `json:"n_weights"`
	NState    int                `json:"n_state"`
	NPerm     int                `json:"n_perm"`
	TrainSize int                `json:"train_size"`
	Saved     time.Time          `json:"saved"`

	path           string // the file it was read from
	w, m, v, state []float32
	perm           []int
}

type rngStates struct {
	Noise, Shuffle, Visual, Query []byte
}

// saveTo writes a checkpoint atomically: to a temporary file in the same
// directory, synced, then renamed over path. Call only from the training
// goroutine (Run does; viewers send SaveCheckpoint).
func (t *Trainer) saveTo(path string) error {
	ck, err := t.checkpoint()
	if err != nil {
		return err
	}
	if err := atomicfile.Write(path, ck.encode); err != nil {
		return fmt.Errorf("checkpoint %w", err)
	}
	return nil
}

// checkpoint captures the trainer's state; its arrays alias the trainer's.
func (t *Trainer) checkpoint() (*Checkpoint, error) {
	ck := &Checkpoint{
		Version: ckptVersion, RunID: t.runID, Options: t.opts, Beta: t.beta, BetaSet: t.betaSet, LR: t.lr,
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
			return nil, err
		}
	}
	return ck, nil
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
	raw, err := readCheckpointFile(path)
	var ck *Checkpoint
	if err == nil {
		ck, err = decodeCheckpoint(raw)
	}
	if err != nil {
		return nil, fmt.Errorf("checkpoint %q: %v", path, err)
	}
	ck.path = path
	return ck, nil
}

// maxCheckpointBytes bounds the file ReadCheckpoint reads into memory: the
// largest model Options.Validate allows takes 16 bytes a parameter, of
// which a checkpoint holds 12, so no real checkpoint comes near it.
const maxCheckpointBytes = int64(maxMemoryGB) << 30

// readCheckpointFile reads the whole file, which must be a regular one: a
// FIFO would block in open(2), deaf to signals, and /dev/zero never ends.
func readCheckpointFile(path string) ([]byte, error) {
	f, st, err := regularfile.Open(path)
	var nr *regularfile.NotRegularError
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, errors.New("no such file")
	case errors.As(err, &nr):
		return nil, fmt.Errorf("not a regular file but %s", regularfile.Kind(nr.Mode))
	case err != nil:
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, err
	}
	defer f.Close()
	if st.Size() > maxCheckpointBytes {
		return nil, fmt.Errorf("%d bytes is more than any checkpoint vaetop writes (at most %d)", st.Size(), maxCheckpointBytes)
	}
	if st.Size() > bigCheckpoint {
		if err := checkDeclaredSize(f, st.Size()); err != nil {
			return nil, err
		}
	}
	raw := make([]byte, st.Size())
	if _, err := io.ReadFull(f, raw); err != nil {
		return nil, fmt.Errorf("read error: %v", err)
	}
	return raw, nil
}

// bigCheckpoint is the size above which the header's own account of the
// file is checked before the whole file is read into memory.
const bigCheckpoint = 64 << 20

// checkDeclaredSize compares the file's size with the one its header
// declares, so that a large file with a made-up header costs a read of the
// header, not gigabytes of memory. It leaves f at its start.
func checkDeclaredSize(f *os.File, size int64) error {
	defer f.Seek(0, io.SeekStart)
	var lead [len(ckptMagic) + 4]byte
	if _, err := io.ReadFull(f, lead[:]); err != nil || string(lead[:len(ckptMagic)]) != ckptMagic {
		return errors.New("not a vaetop checkpoint (bad magic)")
	}
	hlen := int64(binary.LittleEndian.Uint32(lead[len(ckptMagic):]))
	if hlen > maxHeader || int64(len(lead))+hlen+4 > size {
		return fmt.Errorf("header length %d is out of range", hlen)
	}
	hdr := make([]byte, hlen)
	if _, err := io.ReadFull(f, hdr); err != nil {
		return fmt.Errorf("read error: %v", err)
	}
	var counts struct {
		NW     int64 `json:"n_weights"`
		NState int64 `json:"n_state"`
		NPerm  int64 `json:"n_perm"`
	}
	if err := json.Unmarshal(hdr, &counts); err != nil {
		return fmt.Errorf("bad header: %v", err)
	}
	n := []int64{counts.NW, counts.NState, counts.NPerm}
	for _, c := range n {
		if c < 0 || c > size/4 {
			return fmt.Errorf("the file is %d bytes, its header's n_weights, n_state and n_perm (%d, %d, %d) say otherwise", size, n[0], n[1], n[2])
		}
	}
	if want := int64(len(lead)) + hlen + 4*(3*n[0]+n[1]+n[2]) + 4; want != size {
		return fmt.Errorf("the file is %d bytes, its header says %d", size, want)
	}
	return nil
}

// decodeCheckpoint parses and validates a checkpoint's bytes; a checkpoint
// it returns passes ck.validate.
func decodeCheckpoint(raw []byte) (*Checkpoint, error) {
	if len(raw) < len(ckptMagic)+8 || string(raw[:len(ckptMagic)]) != ckptMagic {
		return nil, errors.New("not a vaetop checkpoint (bad magic)")
	}
	body, sum := raw[:len(raw)-4], binary.LittleEndian.Uint32(raw[len(raw)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, errors.New("checksum mismatch: the file is truncated or corrupt")
	}
	rest := body[len(ckptMagic):]
	hlen := binary.LittleEndian.Uint32(rest)
	rest = rest[4:]
	if hlen > maxHeader || int(hlen) > len(rest) {
		return nil, fmt.Errorf("header length %d is out of range", hlen)
	}
	hdr, payload := rest[:hlen], rest[hlen:]
	ck := &Checkpoint{}
	if err := ck.unmarshalHeader(hdr); err != nil {
		return nil, fmt.Errorf("bad header: %v", err)
	}
	if err := ck.validateHeader(); err != nil {
		return nil, err
	}
	// n_weights and n_state matched the model's layout, which Options.Validate
	// bounds; bounding n_perm too keeps the byte count from overflowing.
	if ck.NPerm > len(payload)/4 {
		return nil, fmt.Errorf("n_perm %d is more than the payload holds", ck.NPerm)
	}
	if want := 4 * (3*ck.NW + ck.NState + ck.NPerm); len(payload) != want {
		return nil, fmt.Errorf("payload is %d bytes, n_weights, n_state and n_perm say %d", len(payload), want)
	}
	floats := func(k int) []float32 {
		a := make([]float32, k)
		decodeFloats(a, payload)
		payload = payload[4*k:]
		return a
	}
	ck.w, ck.m, ck.v, ck.state = floats(ck.NW), floats(ck.NW), floats(ck.NW), floats(ck.NState)
	ck.perm = make([]int, ck.NPerm)
	for i := range ck.perm {
		ck.perm[i] = int(binary.LittleEndian.Uint32(payload[4*i:]))
	}
	if err := ck.validatePayload(); err != nil {
		return nil, err
	}
	if err := ck.validateSteps(); err != nil {
		return nil, err
	}
	return ck, nil
}

// ErrFlagMismatch is wrapped by FromCheckpoint's errors for options that
// contradict what the checkpoint fixes (model, batch, seed, train limit):
// a usage error, not a bad file.
var ErrFlagMismatch = errors.New("flag differs from the checkpoint")

type mismatchError struct{ msg string }

func (e mismatchError) Error() string        { return e.msg }
func (e mismatchError) Is(target error) bool { return target == ErrFlagMismatch }

func mismatch(format string, a ...any) error { return mismatchError{fmt.Sprintf(format, a...)} }

// FromCheckpoint builds a trainer that continues ck exactly. opts normally starts
// as ck.Options with this process's settings (checkpoint path, metrics,
// epochs, β, learning rate) changed; the model, batch, seed and data must
// match the checkpoint.
func FromCheckpoint(ck *Checkpoint, opts Options, data Data) (*Trainer, error) {
	return fromCheckpoint(ck, opts, data, false)
}

// ViewCheckpoint is FromCheckpoint for a trainer whose checkpoint is only
// looked at (vaetop explore): it takes ck's Adam moments over instead of
// copying them, since nothing else will use ck. The trainer is complete,
// but its moments lose the huge pages of a fresh trainer's, which only
// matters to training.
func ViewCheckpoint(ck *Checkpoint, opts Options, data Data) (*Trainer, error) {
	return fromCheckpoint(ck, opts, data, true)
}

// fromCheckpoint is FromCheckpoint; adopt takes ck's Adam moments over.
func fromCheckpoint(ck *Checkpoint, opts Options, data Data, adopt bool) (*Trainer, error) {
	if err := ck.validate(); err != nil {
		return nil, fmt.Errorf("checkpoint %q: %v", ck.path, err)
	}
	saved := ck.Options
	switch {
	case !reflect.DeepEqual(saved.Model, opts.Model):
		return nil, mismatch("the checkpoint's model (%s) differs from the flags (%s)", saved.Model, opts.Model)
	case saved.Batch != opts.Batch:
		return nil, mismatch("--batch %d differs from the checkpoint's %d", opts.Batch, saved.Batch)
	case saved.Seed != opts.Seed:
		return nil, mismatch("--seed %d differs from the checkpoint's %d", opts.Seed, saved.Seed)
	case saved.TrainLimit != opts.TrainLimit:
		return nil, mismatch("--train-limit %d differs from the checkpoint's %d", opts.TrainLimit, saved.TrainLimit)
	}
	t, err := New(opts, data)
	if err != nil {
		return nil, err
	}
	if t.trainSize() != ck.TrainSize {
		return nil, fmt.Errorf("checkpoint %q trained on %d images, this data has %d", ck.path, ck.TrainSize, t.trainSize())
	}
	if len(t.model.Params.W) != ck.NW || len(t.model.Params.State) != ck.NState {
		return nil, fmt.Errorf("checkpoint holds %d weights, the model has %d", ck.NW, len(t.model.Params.W))
	}
	copy(t.model.Params.W, ck.w)
	copy(t.model.Params.State, ck.state)
	if adopt {
		t.adam.M, t.adam.V = ck.m, ck.v
	} else {
		copy(t.adam.M, ck.m)
		copy(t.adam.V, ck.v)
	}
	t.adam.Step = ck.AdamStep
	if ck.RunID != "" {
		t.runID = ck.RunID // the same run, resumed
	}
	t.resumed = true
	t.epoch, t.pos, t.step, t.sums = ck.Epoch, ck.Pos, ck.Step, ck.Sums
	t.history = append([]live.EpochMetric(nil), ck.History...)
	t.trainTime, t.elapsed = ck.TrainTime, ck.Elapsed
	if ck.NPerm > 0 {
		t.perm = ck.perm
	}
	// β and the learning rate continue from where the run was (changed by
	// keys, say) unless this process was given them, or other values.
	if !opts.GivenBeta && opts.Beta == saved.Beta {
		t.beta, t.betaSet = ck.Beta, ck.BetaSet
	}
	if !opts.GivenLR && opts.LR == saved.LR {
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
