//go:build amd64 && !noasm

package peak

const haveAddChain = true

// addChain runs iters iterations of chainLen dependent adds of step and
// returns the total, iters·chainLen·step (mod 2⁶⁴).
func addChain(iters int, step uint64) uint64
