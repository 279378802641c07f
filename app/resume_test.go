package app

import (
	"flag"
	"testing"

	"github.com/vaetop/vaetop/trainer"
)

// Every flag has a row in resumeTable, and every row is a flag: a flag
// added later cannot be silently ignored on --resume.
func TestResumeTableCoversEveryFlag(t *testing.T) {
	c := &config{opts: trainer.Defaults(), explicit: map[string]bool{}}
	var help bool
	fs := c.flagSet(&help)
	seen := map[string]bool{}
	fs.VisitAll(func(f *flag.Flag) {
		seen[f.Name] = true
		r, ok := resumeTable[f.Name]
		switch {
		case !ok:
			t.Errorf("--%s has no row in resumeTable", f.Name)
		case r.role != thisProcessOnly && r.apply == nil:
			t.Errorf("--%s is the run's but resumeTable cannot apply it", f.Name)
		}
	})
	for name := range resumeTable {
		if !seen[name] {
			t.Errorf("resumeTable has a row for --%s, which is not a flag", name)
		}
	}
}

// A flag that may change on --resume does; a fixed one is applied for
// FromCheckpoint to compare.
func TestResumeOptionsFollowTheTable(t *testing.T) {
	saved := trainer.Defaults()
	saved.Epochs, saved.LR, saved.Model.Latent = 5, 0.01, 16
	c, err := parseFlags([]string{"--epochs", "9", "--beta", "0.5", "--latent", "8", "--threads", "1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := resumeOptions(saved, c)
	if o.Epochs != 9 || o.Beta != 0.5 || o.LR != 0.01 || o.Model.Latent != 8 {
		t.Errorf("epochs %d β %g lr %g latent %d", o.Epochs, o.Beta, o.LR, o.Model.Latent)
	}
	if !o.GivenBeta || o.GivenLR {
		t.Errorf("given β %v, lr %v: want only β", o.GivenBeta, o.GivenLR)
	}
}

// A schedule given on --resume replaces the checkpoint's other schedule
// rather than clashing with a flag the user never typed.
func TestResumeSwapsTheBetaSchedule(t *testing.T) {
	saved := trainer.Defaults()
	saved.BetaWarmup = 4
	c, err := parseFlags([]string{"--beta-cycles", "2"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if o := resumeOptions(saved, c); o.BetaCycles != 2 || o.BetaWarmup != 0 || o.Validate() != nil {
		t.Fatalf("warm-up %d, cycles %d", o.BetaWarmup, o.BetaCycles)
	}
	saved.BetaWarmup, saved.BetaCycles = 0, 3
	c, _ = parseFlags([]string{"--beta-warmup", "1"}, nil)
	if o := resumeOptions(saved, c); o.BetaCycles != 0 || o.BetaWarmup != 1 {
		t.Fatalf("warm-up %d, cycles %d", o.BetaWarmup, o.BetaCycles)
	}
}
