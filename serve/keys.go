package serve

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// hostKey returns the PEM of the server's host key at path. The first
// start generates it (ed25519, mode 0600) and later ones reuse it, so the
// fingerprint the users have accepted stays the same. A key file others
// can read is refused.
func hostKey(path string, logf func(string)) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newHostKey(path, logf)
	}
	if err != nil {
		return nil, fmt.Errorf("--host-key %q: %w", path, unwrap(err))
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("--host-key %q: %w", path, unwrap(err))
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("--host-key %q: readable by others (mode %04o); chmod 600 it", path, fi.Mode().Perm())
	}
	if _, err := gossh.ParsePrivateKey(b); err != nil {
		return nil, fmt.Errorf("--host-key %q: not a private key: %v", path, err)
	}
	return b, nil
}

// newHostKey generates an ed25519 host key into a new file at path.
func newHostKey(path string, logf func(string)) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "vaetop host key")
	if err != nil {
		return nil, err
	}
	b := pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("--host-key %q: %w", path, unwrap(err))
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("--host-key %q: %w", path, unwrap(err))
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("--host-key %q: %w", path, unwrap(err))
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("--host-key %q: %w", path, unwrap(err))
	}
	logf(fmt.Sprintf("generated the host key %q", path))
	return b, nil
}

// keyring is a file of public keys in authorized_keys form, read again
// when it changes. Keys with options vaetop does not honour (command=,
// from=, restrict, …) are skipped with a warning: honouring them half
// would grant more than the file says.
type keyring struct {
	path string
	logf func(string)

	mu    sync.Mutex
	stamp fileStamp
	keys  map[string]bool // by the key's wire form
}

// fileStamp tells a changed file from the one last read.
type fileStamp struct {
	mod, change time.Time // ctime too: a rewrite that restores mtime still changes it
	size        int64
	ino         uint64
}

func newKeyring(path string, logf func(string)) (*keyring, error) {
	k := &keyring{path: path, logf: logf}
	if err := k.reload(true); err != nil {
		return nil, err
	}
	return k, nil
}

// has reports whether key is in the file as it is now.
func (k *keyring) has(key gossh.PublicKey) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.reload(false); err != nil {
		// Fail closed: a file deleted or unreadable lets nobody in.
		if k.keys != nil {
			k.logf("warning: " + err.Error() + "; no key is let in until it is back")
		}
		k.keys, k.stamp = nil, fileStamp{}
		return false
	}
	return k.keys[string(key.Marshal())]
}

// reload reads the file when it has changed (always when force).
func (k *keyring) reload(force bool) error {
	fi, err := os.Stat(k.path)
	if err != nil {
		return fmt.Errorf("%q: %w", k.path, unwrap(err))
	}
	st := fileStamp{mod: fi.ModTime(), change: ctime(fi), size: fi.Size(), ino: inode(fi)}
	if !force && st == k.stamp {
		return nil
	}
	b, err := os.ReadFile(k.path)
	if err != nil {
		return fmt.Errorf("%q: %w", k.path, unwrap(err))
	}
	k.keys, k.stamp = parseKeys(b, func(s string) { k.logf(fmt.Sprintf("warning: %q %s", k.path, s)) }), st
	if len(k.keys) == 0 {
		k.logf(fmt.Sprintf("warning: %q holds no key vaetop accepts: nobody can connect", k.path))
	}
	return nil
}

// parseKeys reads authorized_keys lines; warn says which were skipped.
func parseKeys(b []byte, warn func(string)) map[string]bool {
	keys := map[string]bool{}
	for i, line := range bytes.Split(b, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, _, opts, _, err := gossh.ParseAuthorizedKey(line)
		switch {
		case err != nil:
			warn(fmt.Sprintf("line %d: not a public key, skipped", i+1))
		case len(opts) > 0:
			warn(fmt.Sprintf("line %d: options (%s) vaetop does not honour, key skipped", i+1, bytes.Join(toBytes(opts), []byte(","))))
		default:
			keys[string(key.Marshal())] = true
		}
	}
	return keys
}

func toBytes(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

// unwrap drops an *fs.PathError's operation and path, which the message
// already gives.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
