package app

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string {
	switch e.sig {
	case os.Interrupt:
		return "interrupted (SIGINT)"
	case syscall.SIGHUP:
		return "hung up (SIGHUP: the terminal or SSH connection closed)"
	case syscall.SIGTERM:
		return "terminated (SIGTERM)"
	}
	return fmt.Sprintf("stopped by %v", e.sig)
}

// exitCode is the shell's convention for a process ended by the signal:
// 128 + its number (Ctrl-C 130, SIGHUP 129, SIGTERM 143).
func (e signalError) exitCode() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return ExitInterrupt
}

// caughtSignals end a run the same way: the trainer stops between steps
// and saves its checkpoint. SIGHUP is among them because closing the
// terminal, a dropped SSH connection and tmux kill-session send it.
var caughtSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// signalContext is cancelled, with a signalError cause, by the first
// caught signal. A second Ctrl-C ends the process at once (the checkpoint
// is written atomically, so an interrupted save leaves the old one).
func signalContext(parent context.Context) (context.Context, func()) {
	// A closed stdout (vaetop ... | head -1) is then an EPIPE error that the
	// run handles, saving its checkpoint, rather than death by SIGPIPE.
	signal.Ignore(syscall.SIGPIPE)
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	for _, sig := range caughtSignals {
		// nohup starts a run with SIGHUP ignored, to outlive the terminal:
		// leave it so.
		if !signal.Ignored(sig) {
			signal.Notify(ch, sig)
		}
	}
	go func() {
		select {
		case s := <-ch:
			cancel(signalError{s})
			signal.Reset(os.Interrupt)
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		cancel(context.Canceled)
	}
}
