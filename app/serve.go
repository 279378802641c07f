package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"

	"github.com/vaetop/vaetop/boxstat"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/serve"
	"github.com/vaetop/vaetop/tui"
)

// defaultListen is where vaetop serve listens without --listen: loopback,
// which colleagues reach through ssh -J or -L.
const defaultListen = "127.0.0.1:2222"

// server is the pipeline's SSH server, when it has one.
type server struct {
	srv *serve.Server
	ln  net.Listener
}

// newServer makes and opens the server of the pipeline's runs when
// --listen asks for one (nil, nil otherwise).
func (pl *pipeline) newServer() (*server, error) {
	sources := make([]live.Source, len(pl.runs))
	for i, r := range pl.runs {
		sources[i] = r.t
	}
	return startServer(pl.shared.serve, sources, tui.Options{ASCII: pl.shared.ascii, Compare: pl.compare}, pl.dash, pl.logf)
}

// startServer makes and opens a server of sources drawn with view, when
// f asks for one (nil, nil otherwise). It says where it listens, and warns
// when that is beyond this machine.
// quiet: a local dashboard owns the terminal, so sessions come and go
// unlogged.
func startServer(f serveFlags, sources []live.Source, view tui.Options, quiet bool, logf func(string)) (*server, error) {
	if f.listen == "" {
		return nil, nil
	}
	host, portText, err := net.SplitHostPort(f.listen)
	if p, perr := strconv.Atoi(portText); err != nil || perr != nil || p < 0 || p > 65535 {
		return nil, usageError{fmt.Sprintf("--listen %q: give host:port, e.g. %s", f.listen, defaultListen)}
	}
	view.Box = BoxSampler()
	cfg := serve.Config{Addr: f.listen, HostKey: f.hostKey, AuthorizedKeys: f.authorizedKeys, ControlKeys: f.controlKeys,
		Color: f.color, FPS: f.fps, View: view, Logf: logf, QuietSessions: quiet}
	srv, err := serve.New(cfg, sources)
	if err != nil {
		return nil, err
	}
	ln, err := srv.Listen()
	if err != nil {
		return nil, err
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	connect := host
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		connect = "localhost"
	}
	logf(fmt.Sprintf("serving the dashboard over SSH on %s (host key %s, keys in %q); connect with: ssh -t -p %s %s", ln.Addr(), srv.Fingerprint(), f.authorizedKeys, port, connect))
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		logf(fmt.Sprintf("warning: --listen %s is reachable beyond this machine: anyone who can reach it may offer keys (the default, %s, is loopback only)", f.listen, defaultListen))
	}
	return &server{srv: srv, ln: ln}, nil
}

// run serves until ctx ends; stop ends it and waits for its sessions.
func (s *server) run(ctx context.Context, logf func(string)) (stop func()) {
	if s == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := s.srv.Serve(ctx, s.ln); err != nil {
			logf("warning: the SSH server stopped: " + err.Error())
		}
	}()
	return func() { cancel(); <-done }
}

// viewers counts the server's sessions (nil without a server).
func (s *server) viewers() func() int {
	if s == nil {
		return nil
	}
	return s.srv.Viewers
}

// servedToEnd wraps a headless view for vaetop serve: when the run has
// finished, the server goes on showing it until a signal stops it.
func servedToEnd(ctx context.Context, view func(live.Run) error, logf func(string)) func(live.Run) error {
	return func(r live.Run) error {
		if err := view(r); err != nil {
			return err
		}
		if ctx.Err() == nil {
			logf("training finished; serving the finished run until stopped (Ctrl-C, SIGTERM)")
			<-ctx.Done()
		}
		return context.Canceled // how the run ended: a signal
	}
}

// serveMain is vaetop serve: a run trained headless (its epoch lines on
// stdout, for nohup and systemd logs) whose dashboard is served over SSH,
// on loopback unless --listen says otherwise.
func serveMain(args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stdout)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err == nil && c.tui {
		err = usageError{"--tui: serve trains headless; for a local dashboard that is also served, give --listen to vaetop"}
	}
	if err != nil {
		fmt.Fprintf(stderr, "vaetop serve: %v (see --help)\n", err)
		return ExitUsage
	}
	c.headless = true
	if !c.explicit["listen"] {
		c.serve.listen = defaultListen
	}
	return command("vaetop", stderr, func(ctx context.Context) (int, error) {
		return run(ctx, c, nil, stdout, stderr)
	})
}

// BoxSampler samples the training box's figures for a tui's status line
// (tui.Options.Box), from Linux's /proc.
func BoxSampler() func() (tui.BoxFigures, bool) {
	box := boxstat.New()
	return func() (tui.BoxFigures, bool) {
		f, err := box.Sample()
		return tui.BoxFigures{CPU: f.CPU, RSS: f.RSS, Load1: f.Load1, MemAvail: f.MemAvail}, err == nil
	}
}
