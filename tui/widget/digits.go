package widget

import (
	"math"
	"strconv"
	"strings"

	"github.com/muesli/termenv"
)

// DigitStyle is how digits are drawn.
type DigitStyle int

const (
	// HalfBlock draws two pixel rows per cell with "▀": the foreground is
	// the upper pixel, the background the lower one, in grey levels.
	HalfBlock DigitStyle = iota
	// ASCIIRamp shades each cell with one of ASCIIRamp's characters from
	// the mean of its two pixels; it needs no colour at all.
	ASCIIRamp
)

const rampChars = " .:-=+*#%@"

// resample scales a w×h image to s×s by area averaging.
func resample(src []float32, w, h, s int) []float32 {
	dst := make([]float32, s*s)
	if w == s && h == s {
		copy(dst, src)
		return dst
	}
	fx, fy := float64(w)/float64(s), float64(h)/float64(s)
	for y := 0; y < s; y++ {
		y0, y1 := float64(y)*fy, float64(y+1)*fy
		for x := 0; x < s; x++ {
			x0, x1 := float64(x)*fx, float64(x+1)*fx
			var sum, area float64
			for sy := int(y0); sy < int(math.Ceil(y1)) && sy < h; sy++ {
				wy := math.Min(y1, float64(sy+1)) - math.Max(y0, float64(sy))
				for sx := int(x0); sx < int(math.Ceil(x1)) && sx < w; sx++ {
					wx := math.Min(x1, float64(sx+1)) - math.Max(x0, float64(sx))
					sum += float64(src[sy*w+sx]) * wx * wy
					area += wx * wy
				}
			}
			if area > 0 {
				dst[y*s+x] = float32(sum / area)
			}
		}
	}
	return dst
}

// DigitRows is the height in cells of an s-pixel digit.
func DigitRows(s int) int { return (s + 1) / 2 }

// RenderDigit draws a w×h image (values in [0,1]) at s×s pixels as
// DigitRows(s) lines of s cells. Half blocks carry their own raw SGR
// colours chosen for profile (no lipgloss per cell: that costs ~50× more),
// and every line ends with a reset.
func RenderDigit(img []float32, w, h, s int, style DigitStyle, profile termenv.Profile) []string {
	px := resample(img, w, h, s)
	at := func(x, y int) float64 {
		if y >= s {
			return 0
		}
		return math.Max(0, math.Min(1, float64(px[y*s+x])))
	}
	rows := DigitRows(s)
	out := make([]string, rows)
	var b strings.Builder
	for r := 0; r < rows; r++ {
		b.Reset()
		if style == ASCIIRamp || profile == termenv.Ascii {
			for x := 0; x < s; x++ {
				v := (at(x, 2*r) + at(x, 2*r+1)) / 2
				b.WriteByte(rampChars[min(len(rampChars)-1, int(v*float64(len(rampChars))))])
			}
			out[r] = b.String()
			continue
		}
		lastFg, lastBg := -1, -1
		for x := 0; x < s; x++ {
			fg, bg := grey(at(x, 2*r)), grey(at(x, 2*r+1))
			if fg != lastFg {
				b.WriteString(sgr(fg, false, profile))
				lastFg = fg
			}
			if bg != lastBg {
				b.WriteString(sgr(bg, true, profile))
				lastBg = bg
			}
			b.WriteString("▀")
		}
		b.WriteString("\x1b[0m")
		out[r] = b.String()
	}
	return out
}

// grey quantises a pixel to one of 24 levels; fewer distinct colours mean
// fewer escape sequences.
func grey(v float64) int { return int(math.Round(v * 23)) }

// sgr is the escape sequence for grey level g (0..23) as foreground or
// background in the given profile.
func sgr(g int, bg bool, p termenv.Profile) string {
	switch p {
	case termenv.TrueColor:
		v := strconv.Itoa(g * 255 / 23)
		if bg {
			return "\x1b[48;2;" + v + ";" + v + ";" + v + "m"
		}
		return "\x1b[38;2;" + v + ";" + v + ";" + v + "m"
	case termenv.ANSI256:
		// 232..255 is the 256-colour palette's grey ramp; 16 is black.
		c := 232 + g
		if g == 0 {
			c = 16
		}
		if bg {
			return "\x1b[48;5;" + strconv.Itoa(c) + "m"
		}
		return "\x1b[38;5;" + strconv.Itoa(c) + "m"
	default: // 16 colours: black, bright black, white, bright white
		codes := [4]int{30, 90, 37, 97}
		c := codes[min(3, g*4/24)]
		if bg {
			c += 10
		}
		return "\x1b[" + strconv.Itoa(c) + "m"
	}
}
