package tui

import "github.com/vaetop/vaetop/trainer"

// Controller is what the dashboard asks of a training run: commands that
// never block. *trainer.Trainer satisfies it; tests use a fake.
//
// (The latent explorer will add the blocking queries Encode/Decode/Sample
// here; they belong in tea.Cmds, never in Update or View.)
type Controller interface {
	Send(trainer.Command) bool
}

// Feed delivers snapshots: C is signalled when one is ready and closed when
// the run has stopped; Next returns the latest with every step metric since
// the previous call. *trainer.Subscription satisfies it.
type Feed interface {
	C() <-chan struct{}
	Next() (trainer.Snapshot, bool)
	Close()
}

var (
	_ Controller = (*trainer.Trainer)(nil)
	_ Feed       = (*trainer.Subscription)(nil)
)
