package app

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/vaetop/vaetop/peak"
)

// epochImages is the tutorial's training set: the limit is for one epoch
// of it.
const epochImages = 60000

// machineLimit is what this machine can do for the training step, from
// vaetop's own probes (package peak), and the epoch's limit from it.
type machineLimit struct {
	Width        int     `json:"fma_width_bits"`
	PeakOne      float64 `json:"fma_gflops_1_thread"`
	PeakAll      float64 `json:"fma_gflops_all_threads"`
	Threads      int     `json:"threads"`
	ClockGHz     float64 `json:"clock_ghz"`
	FLOPPerCycle float64 `json:"fma_flop_per_cycle_per_core"`
	StreamGBs    float64 `json:"optimiser_stream_gb_per_s"`
	PassMS       float64 `json:"optimiser_pass_ms"`
	Params       int     `json:"params"`

	EpochGFLOP   float64 `json:"epoch_product_gflop"`
	ProductsSec  float64 `json:"limit_products_s"`
	Passes       int     `json:"optimiser_passes"`
	OptimiserSec float64 `json:"limit_optimiser_s"`
	LimitSec     float64 `json:"epoch_limit_s"`
}

// measureLimit probes the machine with threads threads: the FMA peak on 1
// and on all, the clock, and a cold optimiser-shaped pass over params
// parameters (7 float32 streams, as Adam makes). flopsPerImage is the
// training step's matrix-product work per image, batch its batch size.
func measureLimit(threads, params, batch int, flopsPerImage float64) machineLimit {
	l := machineLimit{Threads: threads, Params: params}
	l.PeakOne, l.Width = peak.FMA(1, 300*time.Millisecond)
	l.PeakAll, _ = peak.FMA(threads, 300*time.Millisecond)
	l.ClockGHz = peak.ClockGHz(100 * time.Millisecond)
	if l.ClockGHz > 0 {
		l.FLOPPerCycle = l.PeakOne / l.ClockGHz
	}
	gbs, pass := peak.StreamGBs(params, 7, threads, 3)
	l.StreamGBs, l.PassMS = gbs, pass*1e3
	l.EpochGFLOP = flopsPerImage * epochImages / 1e9
	l.Passes = int(math.Ceil(float64(epochImages) / float64(batch)))
	if l.PeakAll > 0 {
		l.ProductsSec = l.EpochGFLOP / l.PeakAll
	}
	l.OptimiserSec = float64(l.Passes) * pass
	l.LimitSec = l.ProductsSec + l.OptimiserSec
	return l
}

// printLimit says what the machine can do, the epoch's limit, and how
// close the measured epoch (epochSec, at gflops of products) comes.
func printLimit(w io.Writer, l machineLimit, epochSec, gflops float64) {
	if l.Width == 0 {
		fmt.Fprintln(w, "limit: not measured (no FMA vectors the probe knows on this CPU)")
		return
	}
	fmt.Fprintf(w, "machine: FMA peak (%d-bit) %.0f GFLOP/s on 1 thread, %.0f on %d; clock ≈ %.2f GHz (dependent adds): %.0f FLOP/cycle/core "+
		"(nominal %d with two %d-bit FMA units, %d with one); optimiser streams (7 × %d fp32, cold) %.1f GB/s, %.2f ms a pass\n",
		l.Width, l.PeakOne, l.PeakAll, l.Threads, l.ClockGHz, l.FLOPPerCycle, 2*2*l.Width/32, l.Width, 2*l.Width/32,
		l.Params, l.StreamGBs, l.PassMS)
	fmt.Fprintf(w, "epoch limit %.2f s = %.0f GFLOP of products at the peak %.2f s + %d optimiser passes %.2f s (element-wise passes not counted)\n",
		l.LimitSec, l.EpochGFLOP, l.ProductsSec, l.Passes, l.OptimiserSec)
	fmt.Fprintf(w, "this run: %.2f s/epoch = %.2fx the limit; products at %.0f%% of the FMA peak\n",
		epochSec, epochSec/l.LimitSec, 100*gflops/l.PeakAll)
}
