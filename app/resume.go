package app

import "github.com/vaetop/vaetop/trainer"

// resumeOptions starts from the checkpoint's options and applies the flags
// given on this command line; model flags that differ are caught later.
func resumeOptions(saved trainer.Options, c *config) trainer.Options {
	o := saved
	o.Model.Hidden = append([]int(nil), saved.Model.Hidden...)
	set := func(name string, apply func()) {
		if c.explicit[name] {
			apply()
		}
	}
	f := c.opts
	set("epochs", func() { o.Epochs = f.Epochs })
	set("lr", func() { o.LR = f.LR })
	set("beta", func() { o.Beta = f.Beta })
	set("weight-decay", func() { o.WeightDecay = f.WeightDecay })
	set("clip", func() { o.Clip = f.Clip })
	set("batch", func() { o.Batch = f.Batch })
	set("seed", func() { o.Seed = f.Seed })
	set("train-limit", func() { o.TrainLimit = f.TrainLimit })
	set("latent", func() { o.Model.Latent = f.Model.Latent })
	set("hidden", func() { o.Model.Hidden = f.Model.Hidden })
	set("activation", func() { o.Model.Activation = f.Model.Activation })
	set("loss", func() { o.Model.Loss = f.Model.Loss })
	set("dropout", func() { o.Model.Dropout = f.Model.Dropout })
	set("latent-dropout", func() { o.Model.LatentDropout = f.Model.LatentDropout })
	set("batchnorm", func() { o.Model.BatchNorm = f.Model.BatchNorm })
	set("conditional", func() { o.Model.Conditional = f.Model.Conditional })
	o.Checkpoint = f.Checkpoint
	o.PublishInterval, o.ReconCount, o.SampleCount, o.VisualInterval = f.PublishInterval, f.ReconCount, f.SampleCount, f.VisualInterval
	return o
}
