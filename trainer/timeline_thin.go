package trainer

import "github.com/vaetop/vaetop/live"

// The timeline of reconstructions gains a frame at every epoch's end, so a
// long run would keep one set of images per epoch for ever. thinTimeline
// bounds it while keeping it spread over the whole run.
const (
	// timelineCap is the most frames the timeline holds.
	timelineCap = 200
	// timelineHead is how many of the timeline's first frames are always
	// kept: the start, the first epoch's frames every live.TimelineEvery
	// steps and the first epochs' ends.
	timelineHead = 50
	// timelineWindows is how many windows the frames between the head and
	// the newest frame are thinned to, one frame each: with the head and
	// the newest frame, timelineCap frames.
	timelineWindows = timelineCap - timelineHead - 1
)

// thinTimeline bounds the timeline tl, whose frames' steps increase. It
// keeps the first timelineHead frames and the newest, and between them the
// earliest frame of each window of w steps, counted from the first frame
// after the head; w is the smallest power of two that cuts the steps from
// that frame up to the newest into at most timelineWindows windows. So there
// are at most timelineCap frames, the first and the newest are always
// among them, and the older ones are spread about evenly: where frames
// came more often than every w steps, one stays in each window.
//
// The rule reads only the frames, and w only grows with the run; a window
// of 2w steps is two of w, so its earliest frame was kept at w too.
// Thinning after every new frame therefore keeps the same frames as
// thinning all of them once, and a roll-back (which drops the newest
// frames) leaves a timeline the rule would keep.
//
// It returns tl itself when every frame stays, else a new slice: viewers
// may hold tl, so its array is never written.
func thinTimeline(tl []*live.Images) []*live.Images {
	n := len(tl)
	if n <= timelineHead+1 {
		return tl
	}
	origin := tl[timelineHead].Step
	w := timelineWindow(tl[n-1].Step - origin)
	window := func(i int) int64 { return (tl[i].Step - origin) / w }
	// Frame i after the head stays when it is the earliest of its window
	// (the one before it is in an earlier window) or the newest.
	stays := func(i int) bool {
		return i <= timelineHead || i == n-1 || window(i) != window(i-1)
	}
	kept := 0
	for i := range tl {
		if stays(i) {
			kept++
		}
	}
	if kept == n {
		return tl
	}
	out := make([]*live.Images, 0, kept+1) // room for the next frame
	for i, im := range tl {
		if stays(i) {
			out = append(out, im)
		}
	}
	return out
}

// timelineWindow is the smallest power of two w such that the span steps
// from the first frame after the head up to the newest make at most
// timelineWindows windows of w steps. (The frames before the newest lie in
// those windows; the newest is kept on its own.)
func timelineWindow(span int64) int64 {
	w := int64(1)
	for (span+w-1)/w > timelineWindows {
		w *= 2
	}
	return w
}
