package app

import "github.com/vaetop/vaetop/trainer"

// What --resume does with each flag, in one table that flag parsing shares
// (a test checks every flag has a row), so a flag added later can never be
// silently ignored on --resume:
//   - fixed: the checkpoint's value holds; a different one given here is
//     a usage error (trainer.FromCheckpoint compares them);
//   - changes: given here, it replaces the checkpoint's;
//   - process: it is about this process (paths, display, threads), not
//     the run, and is never saved.
type resumeRole int

const (
	fixedByCheckpoint resumeRole = iota
	changesOnResume
	thisProcessOnly
)

type resumeRule struct {
	role  resumeRole
	apply func(dst *trainer.Options, flags trainer.Options) // run flags: copy the flag's value
}

var resumeTable = map[string]resumeRule{
	"epochs":          {changesOnResume, func(o *trainer.Options, f trainer.Options) { o.Epochs = f.Epochs }},
	"lr":              {changesOnResume, func(o *trainer.Options, f trainer.Options) { o.LR = f.LR }},
	"beta":            {changesOnResume, func(o *trainer.Options, f trainer.Options) { o.Beta = f.Beta }},
	"beta-warmup":     {changesOnResume, func(o *trainer.Options, f trainer.Options) { o.BetaWarmup = f.BetaWarmup }},
	"beta-cycles":     {changesOnResume, func(o *trainer.Options, f trainer.Options) { o.BetaCycles = f.BetaCycles }},
	"free-bits":       {changesOnResume, func(o *trainer.Options, f trainer.Options) { o.FreeBits = f.FreeBits }},
	"weight-decay":    {changesOnResume, func(o *trainer.Options, f trainer.Options) { o.WeightDecay = f.WeightDecay }},
	"clip":            {changesOnResume, func(o *trainer.Options, f trainer.Options) { o.Clip = f.Clip }},
	"batch":           {fixedByCheckpoint, func(o *trainer.Options, f trainer.Options) { o.Batch = f.Batch }},
	"seed":            {fixedByCheckpoint, func(o *trainer.Options, f trainer.Options) { o.Seed = f.Seed }},
	"train-limit":     {fixedByCheckpoint, func(o *trainer.Options, f trainer.Options) { o.TrainLimit = f.TrainLimit }},
	"latent":          {fixedByCheckpoint, func(o *trainer.Options, f trainer.Options) { o.Model.Latent = f.Model.Latent }},
	"hidden":          {fixedByCheckpoint, func(o *trainer.Options, f trainer.Options) { o.Model.Hidden = f.Model.Hidden }},
	"activation":      {fixedByCheckpoint, func(o *trainer.Options, f trainer.Options) { o.Model.Activation = f.Model.Activation }},
	"loss":            {fixedByCheckpoint, func(o *trainer.Options, f trainer.Options) { o.Model.Loss = f.Model.Loss }},
	"dropout":         {fixedByCheckpoint, func(o *trainer.Options, f trainer.Options) { o.Model.Dropout = f.Model.Dropout }},
	"latent-dropout":  {fixedByCheckpoint, func(o *trainer.Options, f trainer.Options) { o.Model.LatentDropout = f.Model.LatentDropout }},
	"batchnorm":       {fixedByCheckpoint, func(o *trainer.Options, f trainer.Options) { o.Model.BatchNorm = f.Model.BatchNorm }},
	"conditional":     {fixedByCheckpoint, func(o *trainer.Options, f trainer.Options) { o.Model.Conditional = f.Model.Conditional }},
	"checkpoint":      {thisProcessOnly, func(o *trainer.Options, f trainer.Options) { o.Checkpoint = f.Checkpoint }},
	"headless":        {thisProcessOnly, nil},
	"tui":             {thisProcessOnly, nil},
	"data":            {thisProcessOnly, nil},
	"metrics":         {thisProcessOnly, nil},
	"resume":          {thisProcessOnly, nil},
	"samples":         {thisProcessOnly, nil},
	"threads":         {thisProcessOnly, nil},
	"ascii":           {thisProcessOnly, nil},
	"no-download":     {thisProcessOnly, nil},
	"force":           {thisProcessOnly, nil},
	"version":         {thisProcessOnly, nil},
	"name":            {thisProcessOnly, nil},
	"listen":          {thisProcessOnly, nil},
	"host-key":        {thisProcessOnly, nil},
	"authorized-keys": {thisProcessOnly, nil},
	"control-keys":    {thisProcessOnly, nil},
	"color":           {thisProcessOnly, nil},
	"fps":             {thisProcessOnly, nil},
	"help":            {thisProcessOnly, nil},
	"h":               {thisProcessOnly, nil},
}

// resumeOptions starts from the checkpoint's options and applies the flags
// given on this command line by resumeTable; a fixed one that differs is
// caught by trainer.FromCheckpoint.
func resumeOptions(saved trainer.Options, c *config) trainer.Options {
	o := saved
	o.Model.Hidden = append([]int(nil), saved.Model.Hidden...)
	for name := range c.explicit {
		if r := resumeTable[name]; r.apply != nil {
			r.apply(&o, c.opts)
		}
	}
	// One β schedule replaces the other: a run saved with a warm-up and
	// resumed with --beta-cycles cycles (and the reverse).
	switch {
	case c.explicit["beta-cycles"] && !c.explicit["beta-warmup"] && o.BetaCycles > 0:
		o.BetaWarmup = 0
	case c.explicit["beta-warmup"] && !c.explicit["beta-cycles"] && o.BetaWarmup > 0:
		o.BetaCycles = 0
	}
	// This process's settings, never saved, whatever the command line says.
	f := c.opts
	o.Checkpoint, o.Label = f.Checkpoint, f.Label
	o.GivenBeta, o.GivenLR = c.explicit["beta"], c.explicit["lr"]
	o.PublishInterval, o.ReconCount, o.SampleCount, o.VisualInterval = f.PublishInterval, f.ReconCount, f.SampleCount, f.VisualInterval
	return o
}
