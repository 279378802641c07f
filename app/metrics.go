package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
	"time"

	"github.com/vaetop/vaetop/atomicfile"
)

// The metrics file is written in place, never replaced: it may be a FIFO
// or a character device (--metrics /dev/stdout | jq), which a rename would
// destroy. A regular file is reconciled with the checkpoint on --resume
// (metrics_reconcile.go).

// checkMetricsPath accepts a regular file (or a new one in an existing
// directory), a FIFO or a character device.
func checkMetricsPath(m output) error {
	if m.err != nil {
		return m.err
	} else if m.Desc != "" {
		_, err := metricsDescriptor(m.Path, m.Desc)
		return err
	}
	path := m.Path
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return m.checkWritable()
	case err != nil:
		return fmt.Errorf("%q: %w", path, errors.Unwrap(err))
	case fi.Mode().IsRegular():
		if f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0); err != nil {
			return fmt.Errorf("%q: %w", path, errors.Unwrap(err))
		} else {
			f.Close()
		}
		return nil
	case fi.Mode()&(fs.ModeNamedPipe|fs.ModeCharDevice) != 0:
		return nil
	}
	return m.checkWritable() // words what it is
}

// openMetrics opens the metrics file for this run, once it really starts:
// a regular file is appended to when resuming and started anew otherwise
// (checkOutputs has refused to empty one that held lines without --force).
// A FIFO is opened without blocking: until a reader appears it waits, but
// a signal still ends the wait.
func openMetrics(ctx context.Context, m output, resuming bool, log func(string)) (*os.File, error) {
	path := m.Path
	if m.Desc != "" {
		fd, err := metricsDescriptor(path, m.Desc)
		if err != nil {
			return nil, err
		}
		// Write through the inherited descriptor itself: opening
		// /dev/stdout anew would, when stdout is a file, start a second
		// offset that overwrites what the shell's descriptor writes.
		dup, err := syscall.Dup(fd)
		if err != nil {
			return nil, fmt.Errorf("--metrics %q: %v", path, err)
		}
		syscall.CloseOnExec(dup)
		return os.NewFile(uintptr(dup), path), nil
	}
	fi, err := os.Stat(path)
	if err == nil && fi.Mode()&fs.ModeNamedPipe != 0 {
		return openFIFO(ctx, path, log)
	}
	flags := os.O_CREATE | os.O_WRONLY | os.O_APPEND
	if !resuming && (err != nil || fi.Mode().IsRegular()) {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return nil, fmt.Errorf("--metrics %q: %w", path, errors.Unwrap(err))
	}
	return f, nil
}

// metricsDescriptor is the descriptor a --metrics path such as /dev/stdout
// names (desc is the link in its chain that names it), which must be open
// for writing in this process.
func metricsDescriptor(path, desc string) (int, error) {
	fd, _ := atomicfile.DescriptorNumber(desc)
	if fd < 0 {
		return 0, fmt.Errorf("%q names another process's file descriptor (%s)", path, desc)
	}
	flags, err := fcntlFlags(fd)
	if err != nil || flags&syscall.O_ACCMODE == syscall.O_RDONLY {
		return 0, fmt.Errorf("%q: descriptor %d is not open for writing", path, fd)
	}
	return fd, nil
}

// descriptor is the descriptor an output such as /dev/stdout names.
func (o output) descriptor() (fd int, ok bool) {
	if o.Desc == "" {
		return 0, false
	}
	fd, _ = atomicfile.DescriptorNumber(o.Desc)
	return fd, true
}

// openFIFO opens a named pipe for writing without blocking in open(2),
// which would wait for a reader deaf to signals.
func openFIFO(ctx context.Context, path string, log func(string)) (*os.File, error) {
	said := false
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|syscall.O_NONBLOCK, 0)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, syscall.ENXIO) { // ENXIO: no reader yet
			return nil, fmt.Errorf("--metrics %q: %w", path, errors.Unwrap(err))
		}
		if !said {
			log(fmt.Sprintf("--metrics %q is a FIFO: waiting for a reader (Ctrl-C to stop)", path))
			said = true
		}
		select {
		case <-ctx.Done():
			return nil, context.Cause(ctx)
		case <-time.After(100 * time.Millisecond):
		}
	}
}
