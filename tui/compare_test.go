package tui

import (
	"fmt"
	_ "strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	_ "github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"github.com/vaetop/vaetop/live"
)

// compareRig is the compare screen over two fake runs, "beta-1" and
// "beta-4", each with a snapshot in.
type compareRig struct {
	m    *Model
	fake []*fakeRun
}

func newCompareRig(t *testing.T, w, h int, names ...string) *compareRig {
	t.Helper()
	if len(names) == 0 {
		names = []string{"beta-1", "beta-4"}
	}
	clk := &testClock{t: time.Unix(1700000000, 0)}
	r := &compareRig{}
	var runs []live.Run
	for _, n := range names {
		f := newFakeRun()
		info := fakeInfo()
		info.Label, info.TestSize = n, 10000
		runs = append(runs, live.Run{Info: info, Ctl: f, Feed: f})
		r.fake = append(r.fake, f)
	}
	r.m = New(runs, Options{Renderer: fixedRenderer(termenv.Ascii), ChartInterval: -1, Now: clk.now, Compare: true})
	r.m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	for i := range runs {
		s := fakeSnapshot(1, 40+10*i)
		s.Beta = float64(1 + 3*i)
		s.Latents = &live.Latents{Dim: 32, Active: 12 - 4*i, TestKL: 20}
		for j := range s.EpochHistory {
			s.EpochHistory[j].TestLoss += float64(10 * i)
		}
		r.m.Update(snapshotMsg{run: i, snap: s, ok: true})
	}
	return r
}

func TestCompareScreenShows(t *testing.T) {
	r := newCompareRig(t, 80, 24)
	s := screen(r.m)
	fmt.Println(s)
}
