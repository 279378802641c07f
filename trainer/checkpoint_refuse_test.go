package trainer

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// craftCases are checkpoints with a correct CRC and one bad field each. The
// valid original (tinyTrainer) is 16-8-z2 with BatchNorm, epoch 1, pos 4 of
// 12 images, 372 weights, 32 state values; its running variances are state
// 8..15 and 24..31.
var craftCases = []struct {
	name string
	mod  func(c *craftedCheckpoint)
	want string // the error after `checkpoint "PATH": `
}{
	{"version", func(c *craftedCheckpoint) { c.header["version"] = 2 }, "version 2, this vaetop reads version 1"},
	{"options range", func(c *craftedCheckpoint) { c.obj("options", "model")["dropout"] = 1 }, "options: --dropout 1 must be in [0, 1)"},
	{"options NaN", func(c *craftedCheckpoint) { c.obj("options")["lr"] = "NaN" }, "bad header: options.lr: string where a float64 belongs"},
	{"options overflow", func(c *craftedCheckpoint) { c.obj("options")["beta"] = json.Number("1e999") }, "bad header: options.beta: number 1e999 where a float64 belongs"},
	{"options epochs", func(c *craftedCheckpoint) { c.obj("options")["epochs"] = 0 }, "options: --epochs 0 must be in 1..100000"},
	{"epoch negative", func(c *craftedCheckpoint) { c.header["epoch"] = -5 }, "epoch -5 must be >= 0"},
	{"epoch beyond history", func(c *craftedCheckpoint) { c.header["epoch"] = 2 }, "history holds 1 epochs, epoch says 2"},
	{"history missing", func(c *craftedCheckpoint) { delete(c.header, "history") }, "history holds 0 epochs, epoch says 1"},
	{"history numbering", func(c *craftedCheckpoint) { c.history(0)["epoch"] = 7 }, "history[0].epoch is 7, want 1"},
	{"history bad text", func(c *craftedCheckpoint) { c.history(0)["test_loss"] = "nan" }, `bad header: history[0].test_loss: "nan" is not a number`},
	{"pos negative", func(c *craftedCheckpoint) { c.header["pos"] = -1 }, "pos -1 must be in 0..12 (train_size)"},
	{"pos beyond", func(c *craftedCheckpoint) { c.header["pos"] = 13 }, "pos 13 must be in 0..12 (train_size)"},
	{"pos without permutation", func(c *craftedCheckpoint) {
		c.header["n_perm"] = 0
		c.payload = c.payload[:4*c.permAt(0)]
	}, "pos 4 with n_perm 0: only the start of an epoch has no permutation"},
	{"n_perm", func(c *craftedCheckpoint) { c.header["n_perm"] = 5 }, "n_perm 5 must be 0 or train_size 12"},
	{"n_perm huge", func(c *craftedCheckpoint) {
		c.header["n_perm"], c.header["train_size"] = 1<<40, 1<<40
	}, "n_perm 1099511627776 is more than the payload holds"},
	{"train_size", func(c *craftedCheckpoint) { c.header["train_size"] = 0 }, "train_size 0 must be >= 1"},
	{"train_size vs train_limit", func(c *craftedCheckpoint) { c.obj("options")["train_limit"] = 10 }, "train_size 12 differs from options.train_limit 10"},
	{"permutation repeat", func(c *craftedCheckpoint) { c.setUint(c.permAt(1), c.uint(c.permAt(0))) }, "permutation[1] repeats image"},
	{"permutation range", func(c *craftedCheckpoint) { c.setUint(c.permAt(2), 12) }, "permutation[2] is 12, must be in 0..11"},
	{"permutation uint32 max", func(c *craftedCheckpoint) { c.setUint(c.permAt(0), math.MaxUint32) }, "permutation[0] is 4294967295, must be in 0..11"},
	{"step", func(c *craftedCheckpoint) { c.header["step"] = -1 }, "step -1 must be >= 0"},
	{"adam_step", func(c *craftedCheckpoint) { c.header["adam_step"] = -3 }, "adam_step -3 must be >= 0"},
	{"step out of step", func(c *craftedCheckpoint) { c.header["step"] = 0 }, "step 0, but epoch 1 and pos 4 at batch 4 make 4"},
	{"adam_step huge", func(c *craftedCheckpoint) { c.header["adam_step"] = int64(1) << 62 }, "adam_step 4611686018427387904 differs from step 4"},
	{"history kind", func(c *craftedCheckpoint) { c.history(0)["kind"] = "evil" }, `history[0].kind is "evil", want "epoch"`},
	{"history steps", func(c *craftedCheckpoint) { c.history(0)["steps"] = 5 }, "history[0].steps is 5, want 3"},
	{"beta_now high", func(c *craftedCheckpoint) { c.header["beta_now"] = 1001 }, "beta_now 1001 must be in [0, 1000]"},
	{"beta_now negative", func(c *craftedCheckpoint) { c.header["beta_now"] = -0.5 }, "beta_now -0.5 must be in [0, 1000]"},
	{"beta_now NaN", func(c *craftedCheckpoint) { c.header["beta_now"] = "NaN" }, "bad header: beta_now: string where a float64 belongs"},
	{"lr_now zero", func(c *craftedCheckpoint) { c.header["lr_now"] = 0 }, "lr_now 0 must be in (0, 10]"},
	{"lr_now high", func(c *craftedCheckpoint) { c.header["lr_now"] = 11 }, "lr_now 11 must be in (0, 10]"},
	{"sums NaN", func(c *craftedCheckpoint) { c.obj("sums")["Loss"] = "NaN" }, "sums.Loss NaN must be finite"},
	{"sums Inf", func(c *craftedCheckpoint) { c.obj("sums")["KL"] = "-Inf" }, "sums.KL -Inf must be finite"},
	{"sums images beyond pos", func(c *craftedCheckpoint) { c.obj("sums")["Images"] = 5 }, "sums.Images 5 must be in 0..4 (pos)"},
	{"sums images negative", func(c *craftedCheckpoint) { c.obj("sums")["Images"] = -1 }, "sums.Images -1 must be in 0..4 (pos)"},
	{"train_time", func(c *craftedCheckpoint) { c.header["train_time"] = -1 }, "train_time -1ns must be >= 0"},
	{"elapsed", func(c *craftedCheckpoint) { c.header["elapsed"] = -2000000000 }, "elapsed -2s must be >= 0"},
	{"n_weights", func(c *craftedCheckpoint) { c.header["n_weights"] = 371 }, "n_weights 371, the model in its options (16-8-z2 relu bce bn) has 372"},
	{"n_state", func(c *craftedCheckpoint) { c.header["n_state"] = 0 }, "n_state 0, the model in its options (16-8-z2 relu bce bn) has 32"},
	{"payload short", func(c *craftedCheckpoint) { c.payload = c.payload[:len(c.payload)-4] }, "payload is 4636 bytes, n_weights, n_state and n_perm say 4640"},
	{"weights NaN", func(c *craftedCheckpoint) { c.setFloat(c.weightsAt(3), float32(math.NaN())) }, "weights[3] is NaN, must be finite"},
	{"weights Inf", func(c *craftedCheckpoint) { c.setFloat(c.weightsAt(371), float32(math.Inf(-1))) }, "weights[371] is -Inf, must be finite"},
	{"first moment", func(c *craftedCheckpoint) { c.setFloat(c.firstAt(10), float32(math.Inf(1))) }, "adam first moments[10] is +Inf, must be finite"},
	{"second moment NaN", func(c *craftedCheckpoint) { c.setFloat(c.secondAt(0), float32(math.NaN())) }, "adam second moments[0] is NaN, must be finite"},
	{"second moment negative", func(c *craftedCheckpoint) { c.setFloat(c.secondAt(5), -1) }, "adam second moments[5] is -1, must be >= 0"},
	{"batchnorm NaN", func(c *craftedCheckpoint) { c.setFloat(c.stateAt(2), float32(math.NaN())) }, "batchnorm state[2] is NaN, must be finite"},
	{"running variance", func(c *craftedCheckpoint) { c.setFloat(c.stateAt(24), -0.5) }, "batchnorm state[24], a running variance, is -0.5, must be >= 0"},
	{"rng", func(c *craftedCheckpoint) {
		c.obj("rng")["Shuffle"] = base64.StdEncoding.EncodeToString([]byte("pcg:short"))
	}, "rng.Shuffle: invalid PCG encoding"},
	{"rng missing", func(c *craftedCheckpoint) { delete(c.obj("rng"), "Query") }, "rng.Query: invalid PCG encoding"},
	{"header type", func(c *craftedCheckpoint) { c.header["epoch"] = "one" }, "bad header: epoch: string where a int belongs"},
	{"history type", func(c *craftedCheckpoint) { c.history(0)["steps"] = "many" }, "bad header: history[0].steps: string where a int64 belongs"},
	{"sums type", func(c *craftedCheckpoint) { c.obj("sums")["Images"] = 1.5 }, "bad header: sums.Images: number 1.5 where a int belongs"},
	{"sums not an object", func(c *craftedCheckpoint) { c.header["sums"] = 5 }, "bad header: sums: not a JSON object"},
	{"history not an array", func(c *craftedCheckpoint) { c.header["history"] = "all of it" }, "bad header: history: not a JSON array"},
}

// Each crafted checkpoint is refused with one line naming the file and the
// field, without a panic.
func TestReadCheckpointRefusesCraftedFields(t *testing.T) {
	raw := validCheckpointBytes(t)
	dir := t.TempDir()
	for _, tc := range craftCases {
		t.Run(tc.name, func(t *testing.T) {
			c := craft(t, raw)
			tc.mod(c)
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".ckpt")
			if err := os.WriteFile(path, c.bytes(t), 0o644); err != nil {
				t.Fatal(err)
			}
			err := readWithin(t, path, 10*time.Second)
			want := fmt.Sprintf("checkpoint %q: %s", path, tc.want)
			if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got  %v\nwant %s", err, want)
			}
		})
	}
}

// readWithin reads path, turning a panic or a hang into a test failure.
func readWithin(t *testing.T, path string, limit time.Duration) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("panic: %v", r)
			}
		}()
		ck, err := ReadCheckpoint(path)
		if err == nil && ck == nil {
			err = fmt.Errorf("no checkpoint and no error")
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil && strings.HasPrefix(err.Error(), "panic: ") {
			t.Fatal(err)
		}
		return err
	case <-time.After(limit):
		t.Fatalf("ReadCheckpoint(%s) took over %v", path, limit)
		return nil
	}
}

// The crafting itself changes nothing: the unmodified header and payload,
// re-encoded, read back. (Otherwise every case above could pass for the
// wrong reason.) Values that are unusual but legal are accepted too.
func TestCraftedCheckpointControls(t *testing.T) {
	raw := validCheckpointBytes(t)
	dir := t.TempDir()
	controls := map[string]func(c *craftedCheckpoint){
		"unchanged":             func(*craftedCheckpoint) {},
		"negative running mean": func(c *craftedCheckpoint) { c.setFloat(c.stateAt(0), -3) },
		"NaN test loss":         func(c *craftedCheckpoint) { c.history(0)["test_loss"] = "NaN" },
		"pos at the end":        func(c *craftedCheckpoint) { c.header["pos"], c.header["step"], c.header["adam_step"] = 12, 6, 6 },
		"epoch beyond --epochs": func(c *craftedCheckpoint) { c.obj("options")["epochs"] = 1 },
		"between epochs": func(c *craftedCheckpoint) {
			c.header["n_perm"], c.header["pos"], c.header["step"], c.header["adam_step"] = 0, 0, 3, 3
			c.obj("sums")["Images"] = 0
			c.payload = c.payload[:4*c.permAt(0)]
		},
	}
	for name, mod := range controls {
		c := craft(t, raw)
		mod(c)
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
		os.WriteFile(path, c.bytes(t), 0o644)
		if err := readWithin(t, path, 10*time.Second); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
