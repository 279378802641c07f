// Package live is the contract between what produces a training run and
// what shows it: the snapshots a run publishes, its typed events, the
// commands a viewer may send back, and the hub that fans snapshots out to
// any number of viewers. It imports neither the model nor a UI package, so
// a trainer, a metrics-file tailer or a test can publish, and a terminal
// dashboard, an SSH session or a headless printer can watch.
package live
