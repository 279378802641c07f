package app

import (
	"context"

	"github.com/vaetop/vaetop/mnist"
)

// dataPrefetch is vaetop explore's test set, loaded while the checkpoint
// is read: the two take about as long, and the checkpoint must be read
// first so that a bad file is told at once. The early load is quiet and
// never downloads; if it fails for any reason it is forgotten and the load
// after the checkpoint does what it always did (its messages, a download,
// its error), so nothing the user sees changes but the time.
type dataPrefetch struct {
	cancel context.CancelFunc
	done   chan struct{}
	// Set when done is closed:
	set  *mnist.Set
	err  error
	logs []string // the lookup's progress lines, held back
}

// prefetchData starts loading what opts asks for.
func prefetchData(opts mnist.Options) *dataPrefetch {
	ctx, cancel := context.WithCancel(context.Background())
	p := &dataPrefetch{cancel: cancel, done: make(chan struct{})}
	opts.NoDownload = true
	opts.Log = func(s string) { p.logs = append(p.logs, s) } // on the loading goroutine only
	go func() {
		defer close(p.done)
		p.set, p.err = mnist.OpenContext(ctx, opts)
	}()
	return p
}

// stop abandons the load, if it is still running, and waits for its end.
func (p *dataPrefetch) stop() {
	p.cancel()
	<-p.done
}

// open returns what mnist.OpenContext(ctx, opts) returns, opts being those
// the prefetch was started with plus the logging and download settings:
// the prefetched set, its lookup's lines sent to opts.Log, or else the
// result of a load made now.
func (p *dataPrefetch) open(ctx context.Context, opts mnist.Options) (*mnist.Set, error) {
	select {
	case <-p.done:
	case <-ctx.Done():
		p.stop() // and let the load made now report the interruption as ever
	}
	if p.err != nil || ctx.Err() != nil {
		return mnist.OpenContext(ctx, opts)
	}
	if opts.Log != nil {
		for _, line := range p.logs {
			opts.Log(line)
		}
	}
	return p.set, nil
}
