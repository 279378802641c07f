// Package peak measures this machine's limits for `vaetop bench`: the fp32
// FMA peak at the kernels' vector width (FMA), the core clock (ClockGHz) and
// the DRAM bandwidth of an optimiser-shaped pass (StreamGBs).
//
// The hot loops are Go assembly on amd64 (build tag !noasm). Elsewhere, or
// with -tags noasm, FMA and ClockGHz report 0 ("not measured") and StreamGBs
// runs portable Go loops.
//
// Every probe runs on goroutines locked to OS threads, released together by
// a spinning barrier; a probe's wall time runs from the earliest start to the
// latest finish, so a straggler counts against the figure.
package peak
