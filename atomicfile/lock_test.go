package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestLockKeepsASecondWriterOut(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "run.ckpt")
	unlock, err := Lock(p)
	if err != nil {
		t.Fatal(err)
	}
	// flock locks belong to the open file: a second open in this process
	// conflicts as another process's would.
	_, err = Lock(p)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("PID %d", os.Getpid())) {
		t.Errorf("second Lock = %v, want ErrLocked naming our PID", err)
	}
	unlock()
	if _, err := os.Stat(filepath.Join(dir, ".run.ckpt.lock")); !os.IsNotExist(err) {
		t.Errorf("the lock file stayed: %v", err)
	}
	again, err := Lock(p)
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	again()
}

func TestLockLeftByAKilledProcessIsTakenOver(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "run.ckpt")
	// What kill -9 leaves: the file, unlocked, naming a dead process.
	cmd := exec.Command("true")
	cmd.Run()
	os.WriteFile(filepath.Join(dir, ".run.ckpt.lock"), []byte(fmt.Sprintf("%d\n", cmd.Process.Pid)), 0o644)
	unlock, err := Lock(p)
	if err != nil {
		t.Fatalf("Lock over a dead holder's file: %v", err)
	}
	unlock()
}

// Hard links name one file: a lock on one name holds for the other.
func TestLockInPlaceHoldsForEveryName(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "m1.jsonl"), filepath.Join(dir, "m2.jsonl")
	os.WriteFile(a, nil, 0o644)
	if err := os.Link(a, b); err != nil {
		t.Skip(err)
	}
	unlock, err := LockInPlace(a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockInPlace(b); !errors.Is(err, ErrLocked) {
		t.Errorf("the other name locked too: %v", err)
	}
	unlock()
	again, err := LockInPlace(b)
	if err != nil {
		t.Fatal(err)
	}
	again()
}
