package trainer

import (
	"fmt"
	"os"
	"path/filepath"
)

// rescue turns a panic in the training goroutine (a bug) into an error and
// keeps the user's work: the state at the crash goes to a separate file, so
// a good --checkpoint is never overwritten by a possibly half-updated model,
// and nothing is lost when no checkpoint path was given.
func (t *Trainer) rescue(r any) error {
	path := t.opts.Checkpoint + ".recovered"
	if t.opts.Checkpoint == "" {
		path = tempCheckpointPath("recovered")
	}
	if firstNonFinite(t.model.Params.W) >= 0 {
		return fmt.Errorf("internal error: %v (weights were not finite, nothing saved)", r)
	}
	if err := t.saveTo(path); err != nil {
		return fmt.Errorf("internal error: %v (saving the state failed too: %v)", r, err)
	}
	t.message = fmt.Sprintf("internal error; state saved to %q", path)
	return fmt.Errorf("internal error: %v; the state was saved to %q (resume with --resume)", r, path)
}

// saveFinal writes the checkpoint as the run ends. Should that fail (the
// disk filled up, the directory went away), the state goes to the temp
// directory instead, so that the run does not end with the process.
func (t *Trainer) saveFinal() error {
	err := t.saveIfConfigured()
	if err == nil {
		return nil
	}
	alt := tempCheckpointPath("unsaved")
	if aerr := t.saveTo(alt); aerr != nil {
		return fmt.Errorf("%v (saving to %q failed too: %v)", err, alt, aerr)
	}
	t.message = fmt.Sprintf("checkpoint failed; state saved to %q", alt)
	return fmt.Errorf("%v; the run was saved to %q instead (resume with --resume)", err, alt)
}

// tempCheckpointPath names a checkpoint of this process in the temp
// directory.
func tempCheckpointPath(kind string) string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("vaetop-%s-%d.ckpt", kind, os.Getpid()))
}
