package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/trainer"
)

// reconcileMetrics makes a regular metrics file agree with the checkpoint
// a run resumes from, whichever moment a crash picked:
//   - an epoch line past the checkpoint (written, then killed before the
//     checkpoint) is dropped, so the resumed run does not write it twice;
//   - an epoch the checkpoint holds but the file lacks (a new file
//     included) is written back from the checkpoint's history;
//   - a last line cut mid-write is dropped, so the next line is not glued
//     onto it.
//
// The file is edited in place, never replaced: a hard link, or a shell's
// >> redirection, keeps seeing it. Other JSON lines are kept as they are; a
// file with a line that is not JSON is refused as not a metrics file. It
// reports how many lines it dropped and added.
func reconcileMetrics(path string, history []live.EpochMetric, force bool) (dropped, added int, err error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			return 0, 0, fmt.Errorf("--metrics %q: %v", path, unwrapPathError(err))
		}
		f.Close()
	} else if err != nil || !fi.Mode().IsRegular() {
		return 0, 0, nil // a FIFO or a device: nothing to mend
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return 0, 0, fmt.Errorf("--metrics %q: %v", path, unwrapPathError(err))
	}
	defer f.Close()
	raw, err := io.ReadAll(f)
	if err != nil {
		return 0, 0, fmt.Errorf("--metrics %q: %v", path, unwrapPathError(err))
	}
	out, dropped, added, err := reconciledLines(raw, history)
	var foreign foreignMetrics
	switch {
	case errors.As(err, &foreign) && force: // start it anew, from the checkpoint
		out, _, added, err = reconciledLines(nil, history)
		dropped = bytes.Count(raw, []byte("\n"))
	case errors.As(err, &foreign):
		return 0, 0, usageError{fmt.Sprintf("--metrics %q %v", path, err)}
	}
	if err != nil {
		return 0, 0, fmt.Errorf("--metrics %q: %v", path, err)
	}
	if dropped == 0 && added == 0 {
		return 0, 0, nil
	}
	// Write only from the first byte that differs, then cut the rest: the
	// common case (a line to drop at the end, or one to add) touches no
	// line that stays.
	same := 0
	for same < len(raw) && same < len(out) && raw[same] == out[same] {
		same++
	}
	if _, err := f.WriteAt(out[same:], int64(same)); err != nil {
		return 0, 0, fmt.Errorf("--metrics %q: %v", path, unwrapPathError(err))
	}
	if err := f.Truncate(int64(len(out))); err != nil {
		return 0, 0, fmt.Errorf("--metrics %q: %v", path, unwrapPathError(err))
	}
	if err := f.Sync(); err != nil {
		return 0, 0, fmt.Errorf("--metrics %q: %v", path, unwrapPathError(err))
	}
	return dropped, added, nil
}

// unwrapPathError drops an *fs.PathError's operation and path, which the
// message names already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// reconciledLines is reconcileMetrics on the file's bytes.
func reconciledLines(raw []byte, history []live.EpochMetric) (out []byte, dropped, added int, err error) {
	done := len(history)
	seen := make([]bool, done+1)
	past := 0 // epoch lines beyond the checkpoint: a crash leaves at most one
	var buf bytes.Buffer
	lines := bytes.SplitAfter(raw, []byte("\n"))
	for i, line := range lines {
		if len(line) == 0 {
			continue
		}
		last := i == len(lines)-1
		var head struct {
			Kind      string   `json:"kind"`
			Epoch     int      `json:"epoch"`
			TrainLoss *float64 `json:"train_loss"`
		}
		if json.Unmarshal(line, &head) != nil || !bytes.HasSuffix(line, []byte("\n")) {
			if last { // cut mid-write
				dropped++
				continue
			}
			return nil, 0, 0, fmt.Errorf("line %d is not JSON: not a metrics file (give another --metrics path)", i+1)
		}
		if head.Kind == "epoch" {
			switch {
			case head.Epoch > done:
				if past++; past > 1 {
					return nil, 0, 0, foreignMetrics{fmt.Sprintf("holds epochs up to %d or more, past the checkpoint's %d", head.Epoch, done)}
				}
				dropped++
				continue
			case head.Epoch < 1 || seen[head.Epoch]:
				dropped++
				continue
			}
			// The checkpoint holds every epoch's figures: a line that
			// disagrees is another run's.
			want := history[head.Epoch-1].TrainLoss
			if head.TrainLoss != nil && live.Finite(want) && *head.TrainLoss != want {
				return nil, 0, 0, foreignMetrics{fmt.Sprintf("holds another run's epochs (epoch %d: train_loss %g, the checkpoint's %g)", head.Epoch, *head.TrainLoss, want)}
			}
			seen[head.Epoch] = true
		}
		buf.Write(line)
	}
	for e := 1; e <= done; e++ {
		if seen[e] {
			continue
		}
		b, err := trainer.MetricLine(history[e-1])
		if err != nil {
			return nil, 0, 0, err
		}
		buf.Write(b)
		added++
	}
	return buf.Bytes(), dropped, added, nil
}

// foreignMetrics is a metrics file that is not this run's: a usage error,
// since the user named the wrong file (or wants --force).
type foreignMetrics struct{ what string }

func (e foreignMetrics) Error() string {
	return e.what + "; give another --metrics, or --force to rewrite it from the checkpoint"
}
