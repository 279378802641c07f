//go:build race

package format

// raceEnabled: the race detector is on, and allocation counts are off.
const raceEnabled = true
