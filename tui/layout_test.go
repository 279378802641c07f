package tui

import "testing"

func TestLayoutModes(t *testing.T) {
	for _, c := range []struct {
		w, h int
		want layoutMode
	}{
		{40, 10, tooSmall}, {79, 24, tooSmall}, {80, 23, tooSmall},
		{80, 24, compact}, {119, 50, compact}, {200, 39, compact},
		{120, 40, full}, {200, 60, full},
	} {
		if got := newLayout(c.w, c.h).mode; got != c.want {
			t.Errorf("%dx%d: %v, want %v", c.w, c.h, got, c.want)
		}
	}
}

func TestLayoutAddsUp(t *testing.T) {
	for _, s := range [][2]int{{80, 24}, {100, 30}, {120, 40}, {200, 60}, {300, 90}} {
		l := newLayout(s[0], s[1])
		if l.header+l.body+1 != l.h {
			t.Errorf("%v: rows %d+%d+1 != %d", s, l.header, l.body, l.h)
		}
		if l.leftW+1+l.rightW != l.w {
			t.Errorf("%v: cols %d+1+%d != %d", s, l.leftW, l.rightW, l.w)
		}
		if l.mode == full {
			if l.loss.h+l.rec.h+l.epoch.h+l.bars.h != l.body {
				t.Errorf("%v: left column rows do not add up", s)
			}
			if l.rec.w+1+l.kl.w != l.leftW || l.epoch.w+1+l.grad.w != l.leftW {
				t.Errorf("%v: halves do not add up", s)
			}
			if l.bars.h < 4 {
				t.Errorf("%v: bars get %d rows", s, l.bars.h)
			}
		} else if l.top.h+l.lower.h != l.body {
			t.Errorf("%v: compact rows do not add up", s)
		}
	}
}
