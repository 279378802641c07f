//go:build !amd64 || noasm

package peak

// haveAddChain is false: ClockGHz is not measured without assembly, since
// compiled Go gives no control over the dependency chain.
const haveAddChain = false

func addChain(iters int, step uint64) uint64 { return 0 }
