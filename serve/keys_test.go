package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func newKey(t *testing.T) gossh.PublicKey {
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, _ := gossh.NewPublicKey(pub)
	return k
}

// The keyring reads the file again when it changes, skips keys with
// options it does not honour (with a warning) and lines that are no key.
func TestKeyringReloadsAndSkipsOptions(t *testing.T) {
	a, b, c := newKey(t), newKey(t), newKey(t)
	path := filepath.Join(t.TempDir(), "authorized")
	line := func(k gossh.PublicKey) string { return string(gossh.MarshalAuthorizedKey(k)) }
	os.WriteFile(path, []byte(line(a)+`command="/bin/sh" `+line(b)+"# a comment\nnot a key\n"), 0o600)
	var said []string
	k, err := newKeyring(path, func(s string) { said = append(said, s) })
	if err != nil {
		t.Fatal(err)
	}
	if !k.has(a) || k.has(b) || k.has(c) {
		t.Errorf("a %v b %v c %v", k.has(a), k.has(b), k.has(c))
	}
	if len(said) != 2 || !strings.Contains(said[0], "options (command=") || !strings.Contains(said[1], "not a public key") {
		t.Errorf("warnings %q", said)
	}
	time.Sleep(10 * time.Millisecond) // a new modification time
	os.WriteFile(path, []byte(line(c)), 0o600)
	if k.has(a) || !k.has(c) {
		t.Error("the changed file was not read again")
	}
}

// The host key is made once, mode 0600, and the same key is read back; a
// key others can read is refused.
func TestHostKeyKeptAndGuarded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "host")
	first, err := hostKey(path, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
	again, err := hostKey(path, func(string) {})
	if err != nil || string(again) != string(first) {
		t.Fatalf("not the same key: %v", err)
	}
	os.Chmod(path, 0o644)
	if _, err := hostKey(path, func(string) {}); err == nil || !strings.Contains(err.Error(), "readable by others") {
		t.Errorf("a world-readable key: %v", err)
	}
}
