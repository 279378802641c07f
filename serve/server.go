// Package serve serves runs' dashboards over SSH: anyone holding an
// authorized key connects with ssh and gets the live dashboard in their
// own terminal, size and colours; leaving never stops the run. Public keys
// only; the keys in --control-keys may steer, the others only watch.
package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui"
)

// Config is how a server listens and whom it lets in.
type Config struct {
	Addr           string // host:port
	HostKey        string // the host key file, generated when missing
	AuthorizedKeys string // the keys that may connect
	ControlKeys    string // the keys that may steer ("": every authorized key)
	Color          string // auto, truecolor, 256, 16 or none
	FPS            int    // frames a second to each viewer (0: the tui's)
	View           tui.Options
	Logf           func(string) // the server's own lines, to stderr
	// QuietSessions leaves viewers coming and going unlogged (a local
	// dashboard owns the terminal, and its status line counts them).
	QuietSessions bool
	// StallTimeout is how long a client may leave a frame unread before
	// its session is closed (0: 10 s).
	StallTimeout time.Duration
}

// Timeouts and bounds of a session.
const (
	handshakeTimeout = 10 * time.Second
	stallTimeout     = 10 * time.Second // Config.StallTimeout's default
	maxWidth         = 400              // a frame at 1200x400 costs 0.57 s and 206 MB
	maxHeight        = 150
)

// Server serves the dashboards of sources.
type Server struct {
	cfg       Config
	sources   []live.Source
	authKeys  *keyring
	ctlKeys   *keyring // nil: every authorized key steers
	srv       *ssh.Server
	viewers   atomic.Int64
	sessions  sync.WaitGroup
	listening net.Addr
	// stopping is closed when Serve's context ends: each session's screen
	// quits first, so its viewer's terminal is restored and told why.
	stopping chan struct{}
}

// New checks the configuration and makes the server: the host key, the
// key files and the listener's address.
func New(cfg Config, sources []live.Source) (*Server, error) {
	if cfg.Logf == nil {
		cfg.Logf = func(string) {}
	}
	if cfg.StallTimeout <= 0 {
		cfg.StallTimeout = stallTimeout
	}
	if _, err := colorProfile(cfg.Color, ""); err != nil {
		return nil, err
	}
	pem, err := hostKey(cfg.HostKey, cfg.Logf)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, sources: sources, stopping: make(chan struct{})}
	if s.authKeys, err = newKeyring(cfg.AuthorizedKeys, cfg.Logf); err != nil {
		return nil, fmt.Errorf("--authorized-keys %v", err)
	}
	if cfg.ControlKeys != "" {
		if s.ctlKeys, err = newKeyring(cfg.ControlKeys, cfg.Logf); err != nil {
			return nil, fmt.Errorf("--control-keys %v", err)
		}
	}
	s.srv, err = wish.NewServer(
		wish.WithAddress(cfg.Addr),
		wish.WithHostKeyPEM(pem),
		wish.WithPublicKeyAuth(func(_ ssh.Context, key ssh.PublicKey) bool { return s.authKeys.has(key) }),
	)
	if err != nil {
		return nil, err
	}
	// No password or keyboard-interactive handler: those are refused.
	s.srv.Handler = s.session
	s.srv.ConnCallback = s.handshakeDeadline
	return s, nil
}

// Fingerprint is the host key's SHA256 fingerprint, as ssh shows it.
func (s *Server) Fingerprint() string {
	if len(s.srv.HostSigners) == 0 {
		return "?"
	}
	return gossh.FingerprintSHA256(s.srv.HostSigners[0].PublicKey())
}

// Viewers is how many sessions are connected.
func (s *Server) Viewers() int { return int(s.viewers.Load()) }

// Listen opens the address; Serve then takes connections on it.
func (s *Server) Listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("--listen %s: %w", s.cfg.Addr, err)
	}
	s.listening = ln.Addr()
	return ln, nil
}

// Serve takes connections on ln until ctx ends, then closes every session
// and returns once they are gone.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	done := make(chan error, 1)
	go func() { done <- s.srv.Serve(ln) }()
	select {
	case err := <-done:
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return err
	case <-ctx.Done():
	}
	close(s.stopping)
	s.waitSessions(goodbyeWait)
	s.srv.Close() // closes the listener and every connection
	<-done
	s.sessions.Wait()
	return nil
}

// goodbyeWait bounds how long a stopping server waits for its sessions to
// restore their viewers' terminals; a stuck client is cut off after it.
const goodbyeWait = time.Second

// waitSessions waits for the sessions to end, at most d.
func (s *Server) waitSessions(d time.Duration) {
	done := make(chan struct{})
	go func() { s.sessions.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
	}
}

// handshakeDeadline closes a connection that has not opened its session
// within handshakeTimeout. Idle viewers are never cut off: a paused run
// sends nothing, and its viewers stay.
func (s *Server) handshakeDeadline(ctx ssh.Context, conn net.Conn) net.Conn {
	var started atomic.Bool
	ctx.SetValue(startedKey, &started)
	time.AfterFunc(handshakeTimeout, func() {
		if !started.Load() {
			conn.Close()
		}
	})
	return conn
}

type ctxKey struct{ name string }

var startedKey = &ctxKey{"session started"}
