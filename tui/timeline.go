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
	frame int
	set   int // the Set the frame belongs to
}

// syncTimeline returns to live when the trainer has started a new set of
// test images (r), since the old frames are gone.
func (rs *runState) syncTimeline() {
	tl := rs.snap.Timeline
	if rs.tl.frame >= 0 && (len(tl) == 0 || tl[0].Set != rs.tl.set || rs.tl.frame >= len(tl)) {
		rs.tl.frame = -1
	}
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
func (m *Model) timelineBack(string) tea.Cmd {
	rs := m.cur
	tl := rs.snap.Timeline
	switch {
	case len(tl) == 0:
		m.setNote("no reconstructions recorded yet")
		return nil
	case rs.tl.frame < 0:
		rs.tl.frame = len(tl) - 1
		if r := rs.snap.Recon; r != nil && r.Version == tl[len(tl)-1].Version && len(tl) > 1 {
			rs.tl.frame-- // the newest frame is what live shows
		}
	case rs.tl.frame > 0:
		rs.tl.frame--
	default:
		m.setNote("this is the first frame")
	}
	rs.tl.set = tl[0].Set
	return nil
}

// timelineForward steps to the next frame; past the newest, back to live.
func (m *Model) timelineForward(string) tea.Cmd {
	rs := m.cur
	switch {
	case rs.tl.frame < 0:
		m.setNote("showing live reconstructions")
	case rs.tl.frame+1 < len(rs.snap.Timeline):
		rs.tl.frame++
	default:
		rs.tl.frame = -1
	}
	return nil
}

// timelineLive returns to the live reconstructions.
func (m *Model) timelineLive(string) tea.Cmd {
	m.cur.tl.frame = -1
	return nil
}

// timelineLabel describes the frame shown, for the pane's title.
func (m *Model) timelineLabel() (title, extra string) {
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
