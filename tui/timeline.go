package tui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vaetop/vaetop/live"
)

// timelineView is where the reconstruction pane stands in the run's
// timeline of reconstructions: live (frame < 0), or on one frame of the
// current set of test images.
type timelineView struct {
	frame   int
	set     int   // the Set the frame belongs to
	version int   // the frame's Version, to find it again in a new snapshot
	step    int64 // and its Step
}

// show stands the pane on frame i of the timeline.
func (rs *runState) show(i int) {
	im := rs.snap.Timeline[i]
	rs.tl = timelineView{frame: i, set: im.Set, version: im.Version, step: im.Step}
}

// syncTimeline keeps the pane on the frame it shows in a new snapshot. The
// trainer thins a long timeline, so the frame may have moved or gone: then
// the pane shows the newest frame before it. It returns to live when the
// trainer has started a new set of test images (r), or a roll-back undid
// the frame, since the old frames are gone.
func (rs *runState) syncTimeline() {
	tl := rs.snap.Timeline
	if rs.tl.frame < 0 {
		return
	}
	if len(tl) == 0 || tl[0].Set != rs.tl.set || tl[len(tl)-1].Step < rs.tl.step {
		rs.tl.frame = -1
		return
	}
	if rs.tl.frame < len(tl) && tl[rs.tl.frame].Version == rs.tl.version {
		return
	}
	i := 0 // the frame of its step, else the newest before it
	for j, im := range tl {
		if im.Step > rs.tl.step {
			break
		}
		i = j
	}
	rs.show(i)
}

// reconShown is the reconstructions the pane draws: the live ones or the
// chosen frame.
func (rs *runState) reconShown() *live.Images {
	if rs.tl.frame >= 0 && rs.tl.frame < len(rs.snap.Timeline) {
		return rs.snap.Timeline[rs.tl.frame]
	}
	return rs.snap.Recon
}

// timelineBack steps to the frame before the one shown; from live, to the
// newest frame older than the live images.
func (m *dashScreen) timelineBack(string) tea.Cmd {
	rs := m.cur
	tl := rs.snap.Timeline
	switch {
	case len(tl) == 0:
		m.setNote("no reconstructions recorded yet")
		return nil
	case rs.tl.frame < 0:
		i := len(tl) - 1
		if r := rs.snap.Recon; r != nil && r.Version == tl[len(tl)-1].Version && len(tl) > 1 {
			i-- // the newest frame is what live shows
		}
		rs.show(i)
	case rs.tl.frame > 0:
		rs.show(rs.tl.frame - 1)
	default:
		m.setNote("this is the first frame")
	}
	return nil
}

// timelineForward steps to the next frame; past the newest, back to live.
func (m *dashScreen) timelineForward(string) tea.Cmd {
	rs := m.cur
	switch {
	case rs.tl.frame < 0:
		m.setNote("showing live reconstructions")
	case rs.tl.frame+1 < len(rs.snap.Timeline):
		rs.show(rs.tl.frame + 1)
	default:
		rs.tl.frame = -1
	}
	return nil
}

// timelineLive returns to the live reconstructions.
func (m *dashScreen) timelineLive(string) tea.Cmd {
	m.cur.tl.frame = -1
	return nil
}

// timelineLabel describes the frame shown, for the pane's title.
func (m *dashScreen) timelineLabel() (title, extra string) {
	rs := m.cur
	n := len(rs.snap.Timeline)
	if rs.tl.frame < 0 {
		if n == 0 {
			return "test │ reconstruction", "refreshed as it trains"
		}
		frames := "frames"
		if n == 1 {
			frames = "frame"
		}
		return "test │ reconstruction", fmt.Sprintf("live · ,/. %d %s", n, frames)
	}
	im := rs.snap.Timeline[rs.tl.frame]
	when := fmt.Sprintf("step %d", im.Step)
	if im.Step == 0 {
		when = "start"
	}
	return fmt.Sprintf("epoch %d · %s", im.Epoch, when), fmt.Sprintf("frame %d/%d · end: live", rs.tl.frame+1, n)
}
