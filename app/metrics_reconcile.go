package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/vaetop/vaetop/atomicfile"
	"github.com/vaetop/vaetop/trainer"
)

// reconcileMetrics makes a regular metrics file agree with the checkpoint
// a run resumes from, whichever moment a crash picked:
//   - an epoch line past the checkpoint (written, then killed before the
//     checkpoint) is dropped, so the resumed run does not write it twice;
//   - an epoch the checkpoint holds but the file lacks is written back from
//     the checkpoint's history;
//   - a last line cut mid-write is dropped, so the next line is not glued
//     onto it.
//
// Other lines are kept as they are. The file is rewritten atomically, and
// only when something changes. It reports how many lines it dropped and
// added.
func reconcileMetrics(path string, history []trainer.EpochMetric) (dropped, added int, err error) {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return 0, 0, nil // a new file, a FIFO or a device: nothing to mend
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, fmt.Errorf("--metrics %q: %v", path, err)
	}
	out, dropped, added, err := reconciledLines(raw, history)
	if err != nil {
		return 0, 0, fmt.Errorf("--metrics %q: %v", path, err)
	}
	if dropped == 0 && added == 0 {
		return 0, 0, nil
	}
	if err := atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(out); return err }); err != nil {
		return 0, 0, fmt.Errorf("--metrics: %v", err)
	}
	return dropped, added, nil
}

// reconciledLines is reconcileMetrics on the file's bytes.
func reconciledLines(raw []byte, history []trainer.EpochMetric) (out []byte, dropped, added int, err error) {
	done := len(history)
	seen := make([]bool, done+1)
	var buf bytes.Buffer
	lines := bytes.SplitAfter(raw, []byte("\n"))
	for i, line := range lines {
		if len(line) == 0 {
			continue
		}
		last := i == len(lines)-1
		var head struct {
			Kind  string `json:"kind"`
			Epoch int    `json:"epoch"`
		}
		if json.Unmarshal(line, &head) != nil || !bytes.HasSuffix(line, []byte("\n")) {
			if last { // cut mid-write
				dropped++
				continue
			}
			buf.Write(line) // not ours to judge
			continue
		}
		if head.Kind == "epoch" {
			if head.Epoch < 1 || head.Epoch > done || seen[head.Epoch] {
				dropped++
				continue
			}
			seen[head.Epoch] = true
		}
		buf.Write(line)
	}
	for e := 1; e <= done; e++ {
		if seen[e] {
			continue
		}
		b, err := json.Marshal(history[e-1])
		if err != nil {
			return nil, 0, 0, err
		}
		buf.Write(append(b, '\n'))
		added++
	}
	return buf.Bytes(), dropped, added, nil
}
