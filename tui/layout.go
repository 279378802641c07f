package tui

// Terminal sizes the layouts need.
const (
	minW, minH   = 80, 24  // compact layout
	fullW, fullH = 120, 40 // full dashboard
	// maxMessageRows bounds a long message's rows (about 300 characters
	// at 80 columns), so that the panes keep most of a small terminal.
	maxMessageRows = 4
)

type layoutMode int

const (
	tooSmall layoutMode = iota
	compact
	full
)

func (l layoutMode) String() string { return [...]string{"too small", "compact", "full"}[l] }

// box is a pane's place: a title row above h-1 rows of content.
type box struct{ w, h int }

// layout splits the terminal into the dashboard's regions. Everything is a
// pure function of the size, so a resize simply recomputes it.
type layout struct {
	mode          layoutMode
	w, h          int
	header        int // status rows at the top, message rows included
	msgRows       int // rows of a message too long for the status line
	body          int // rows between the header and the help line
	leftW, rightW int // body columns, with one blank column between

	// full: the left column, top to bottom
	loss        box // total loss per step, full width
	rec, kl     box // side by side
	epoch, grad box // side by side
	bars        box // per-layer gradient norms, full width
	top, lower  box // compact: total loss above KL or grad norm
}

func newLayout(w, h int) layout { return newLayoutWithMessage(w, h, 0) }

// newLayoutWithMessage gives msgRows rows under the status to a message
// that does not fit on the status line; the panes shrink to make room.
func newLayoutWithMessage(w, h, msgRows int) layout {
	l := layout{w: w, h: h}
	switch {
	case w < minW || h < minH:
		l.mode = tooSmall
		return l
	case w >= fullW && h >= fullH:
		l.mode = full
		l.header = 3
	default:
		l.mode = compact
		l.header = 2
	}
	l.msgRows = clamp(msgRows, 0, maxMessageRows)
	l.header += l.msgRows
	l.body = h - l.header - 1
	if l.mode == compact {
		l.rightW = clamp(w*9/20, 30, 70)
		l.leftW = w - l.rightW - 1
		top := l.body / 2
		l.top = box{l.leftW, top}
		l.lower = box{l.leftW, l.body - top}
		return l
	}
	l.rightW = clamp(w*2/5, 40, 100)
	l.leftW = w - l.rightW - 1
	half := (l.leftW - 1) / 2
	other := l.leftW - 1 - half
	lossH := l.body * 3 / 10
	midH := l.body / 4
	l.loss = box{l.leftW, lossH}
	l.rec, l.kl = box{half, midH}, box{other, midH}
	l.epoch, l.grad = box{half, midH}, box{other, midH}
	l.bars = box{l.leftW, l.body - lossH - 2*midH}
	return l
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }
