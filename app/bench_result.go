package app

import (
	"encoding/json"
	"fmt"
	"io"
)

// benchResult is what vaetop bench measured, for people or (--json) for
// scripts.
type benchResult struct {
	Model         string       `json:"model"`
	Batch         int          `json:"batch"`
	Threads       int          `json:"threads"`
	GEMM          string       `json:"gemm"`
	CPU           string       `json:"cpu"`
	Steps         int          `json:"steps"`
	ImagesPerSec  float64      `json:"images_per_s"`
	EpochSec      float64      `json:"epoch_s"`
	GFLOPs        float64      `json:"products_gflop_per_s"`
	AllocsPerStep float64      `json:"allocs_per_step"`
	PeakRSSMB     float64      `json:"peak_rss_mb"` // before the probes, whose buffers are not the trainer's
	Limit         machineLimit `json:"limit"`
	Split         stepSplit    `json:"split"`
}

// print writes the training figures as two lines.
func (r *benchResult) print(w io.Writer) {
	fmt.Fprintf(w, "vaetop bench: model %s, batch %d, %s, GEMM %s, %s\n",
		r.Model, r.Batch, threadCount(r.Threads), r.GEMM, r.CPU)
	fmt.Fprintf(w, "steps %d  images/s %.0f  s/epoch(60k) %.2f  GFLOP/s %.1f  allocs/step %.2f  peak RSS %.0f MB\n",
		r.Steps, r.ImagesPerSec, r.EpochSec, r.GFLOPs, r.AllocsPerStep, r.PeakRSSMB)
}

// printJSON writes r as one JSON object.
func (r *benchResult) printJSON(stdout, stderr io.Writer) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		fmt.Fprintf(stderr, "vaetop bench: %v\n", err)
		return ExitFailure
	}
	return ExitOK
}
