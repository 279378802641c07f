package serve

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui"
)

// session is one viewer: its own program over its own feeds, drawn for its
// terminal. Whatever happens in it (a panic, a stalled client) ends this
// session only.
func (s *Server) session(sess ssh.Session) {
	if started, ok := sess.Context().Value(startedKey).(*atomic.Bool); ok {
		started.Store(true)
	}
	s.sessions.Add(1)
	defer s.sessions.Done()
	who := describe(sess)
	defer func() {
		if r := recover(); r != nil {
			s.cfg.Logf(fmt.Sprintf("session of %s: panic: %v\n%s", who, r, debug.Stack()))
			sess.Close()
		}
	}()
	// Check the key again: the one the client proved it holds.
	key := sess.PublicKey()
	if key == nil || !s.authKeys.has(key) {
		fmt.Fprintln(sess.Stderr(), "vaetop: this key is not authorized")
		sess.Exit(1)
		return
	}
	pty, windows, ok := sess.Pty()
	if !ok {
		fmt.Fprintf(sess.Stderr(), "vaetop: the dashboard needs a terminal: connect with ssh -t (and without -T)\n")
		sess.Exit(1)
		return
	}
	profile, _ := colorProfile(s.cfg.Color, pty.Term)
	control := s.ctlKeys == nil || s.ctlKeys.has(key)
	runs := s.views(control)
	defer func() {
		for _, r := range runs {
			r.Feed.Close()
		}
	}()
	s.viewers.Add(1)
	defer s.viewers.Add(-1)
	if !s.cfg.QuietSessions {
		s.cfg.Logf(fmt.Sprintf("%s connected (%s)", who, role(control && steerable(runs))))
		defer s.cfg.Logf(who + " left")
	}
	s.run(sess, runs, profile, pty.Window, windows)
}

// run shows the runs in the session until the viewer leaves or the
// connection ends.
func (s *Server) run(sess ssh.Session, runs []live.Run, profile termenv.Profile, win ssh.Window, windows <-chan ssh.Window) {
	out := newStallWriter(sess, s.cfg.StallTimeout, func() {
		s.cfg.Logf(describe(sess) + ": closed, the client stopped reading")
		closeConn(sess)
	})
	r := lipgloss.NewRenderer(out, termenv.WithProfile(profile))
	r.SetColorProfile(profile)
	r.SetHasDarkBackground(true) // asking the client would wait for its answer
	opts := s.cfg.View
	opts.Renderer, opts.Session, opts.Viewers = r, true, s.Viewers
	opts.Wrap = func(m tea.Model) tea.Model {
		return guarded{m: m, onPanic: func(p any) {
			s.cfg.Logf(fmt.Sprintf("session of %s: panic: %v\n%s", describe(sess), p, debug.Stack()))
		}}
	}
	// Without bubbletea's own recovery, which prints to the process's
	// stdout: guarded recovers, and logs to stderr.
	popts := []tea.ProgramOption{tea.WithoutSignalHandler(), tea.WithoutCatchPanics(), tea.WithEnvironment(sess.Environ())}
	if s.cfg.FPS > 0 {
		popts = append(popts, tea.WithFPS(s.cfg.FPS))
	}
	p, err := tui.NewProgram(runs, opts, sess, out, popts...)
	if err != nil {
		fmt.Fprintln(sess.Stderr(), "vaetop: "+err.Error())
		return
	}
	go s.forwardSizes(sess, p, win, windows)
	ctx, stop := context.WithCancel(sess.Context())
	defer stop()
	go func() {
		select {
		case <-s.stopping: // the server stops: quit the screen, restoring the terminal
			stop()
		case <-ctx.Done():
		}
	}()
	if err := tui.RunProgram(ctx, p); err != nil && !strings.Contains(err.Error(), "context canceled") {
		s.cfg.Logf(fmt.Sprintf("session of %s: %v", describe(sess), err))
	}
	p.Kill()
	select {
	case <-s.stopping:
		fmt.Fprint(out, "vaetop: the server has stopped; goodbye.\r\n")
	default:
	}
}

// forwardSizes gives the program the terminal's size and its changes,
// clamped: a huge window would cost seconds and hundreds of MB a frame.
func (s *Server) forwardSizes(sess ssh.Session, p *tea.Program, win ssh.Window, windows <-chan ssh.Window) {
	defer func() {
		if r := recover(); r != nil {
			s.cfg.Logf(fmt.Sprintf("session of %s: panic in resize: %v", describe(sess), r))
			sess.Close()
		}
	}()
	send := func(w ssh.Window) {
		p.Send(tea.WindowSizeMsg{Width: clamp(w.Width, 1, maxWidth), Height: clamp(w.Height, 1, maxHeight)})
	}
	send(win)
	for {
		select {
		case <-sess.Context().Done():
			return
		case w, ok := <-windows:
			if !ok {
				return
			}
			for more := true; more; { // a burst of resizes: only the last counts
				select {
				case next, open := <-windows:
					if !open {
						return
					}
					w = next
				default:
					more = false
				}
			}
			send(w)
		}
	}
}

// views are the runs as one viewer gets them: its own feeds, and no
// controller when its key may only watch.
func (s *Server) views(control bool) []live.Run {
	runs := make([]live.Run, len(s.sources))
	for i, src := range s.sources {
		runs[i] = src.Viewer()
		if !control {
			runs[i].Ctl = nil
		}
	}
	return runs
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// steerable reports whether any of runs takes commands (a metrics file
// watched takes none, whatever the key).
func steerable(runs []live.Run) bool {
	for _, r := range runs {
		if r.Ctl != nil {
			return true
		}
	}
	return false
}

func role(control bool) string {
	if control {
		return "may steer"
	}
	return "watch only"
}

// describe names a session for the server's log: the user, the address
// and the key's fingerprint.
func describe(sess ssh.Session) string {
	fp := "no key"
	if k := sess.PublicKey(); k != nil {
		fp = gossh.FingerprintSHA256(k)
	}
	return fmt.Sprintf("%q@%s (%s)", sess.User(), sess.RemoteAddr(), fp) // quoted: a user name is the client's to choose
}

// closeConn ends the session's whole connection: closing the channel alone
// would leave its program running until the client drops TCP.
func closeConn(sess ssh.Session) {
	if c, ok := sess.Context().Value(ssh.ContextKeyConn).(interface{ Close() error }); ok {
		c.Close()
	}
	sess.Close()
}

// colorProfile is the profile to draw with: the --color flag's, or the
// one the client's TERM implies (SSH forwards TERM, not COLORTERM).
func colorProfile(flag, term string) (termenv.Profile, error) {
	switch flag {
	case "truecolor":
		return termenv.TrueColor, nil
	case "256":
		return termenv.ANSI256, nil
	case "16":
		return termenv.ANSI, nil
	case "none":
		return termenv.Ascii, nil
	case "", "auto":
	default:
		return termenv.Ascii, fmt.Errorf("--color %q: give auto, truecolor, 256, 16 or none", flag)
	}
	switch {
	case term == "" || term == "dumb":
		return termenv.Ascii, nil
	case strings.Contains(term, "truecolor") || strings.Contains(term, "24bit") || strings.Contains(term, "direct"):
		return termenv.TrueColor, nil
	case strings.Contains(term, "256color"):
		return termenv.ANSI256, nil
	}
	return termenv.ANSI, nil
}
