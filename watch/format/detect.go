package format

import "bytes"

// headMax is how much of a file Detect looks at.
const headMax = 64 << 10

// Detect tells the format from the file's first bytes (up to 64 KiB; may
// end mid-line; may begin with a UTF-8 BOM, which is skipped). Blank lines
// are skipped; the first other line decides:
//
//   - a line that begins with '{' is JSONL, or Vaetop when it holds a
//     "kind" key with a string value ("kind":"epoch" is vaetop's);
//   - a header naming both step and epoch is Lightning (its CSVLogger
//     writes the sorted union of the keys logged);
//   - a header whose first column is epoch is Keras;
//   - any other line is the header of a CSV.
//
// It is Auto when it cannot tell yet: the first non-blank line is not
// complete. When head holds 64 KiB or more with no complete line, the
// partial line decides, lest a file with a huge first line never be told.
func Detect(head []byte) Kind {
	full := len(head) >= headMax
	head = bytes.TrimPrefix(head, bom)
	for {
		nl := bytes.IndexByte(head, '\n')
		line := head
		if nl >= 0 {
			line, head = head[:nl], head[nl+1:]
		}
		if !blank(line) && (nl >= 0 || full) {
			return detectLine(line)
		}
		if nl < 0 {
			return Auto
		}
	}
}

// detectLine tells the format from the first non-blank line.
func detectLine(line []byte) Kind {
	line = bytes.Trim(line, " \t\r")
	if line[0] == '{' {
		if hasKindString(line) {
			return Vaetop
		}
		return JSONL
	}
	var step, epoch, epochFirst bool
	for i, n := 0, 0; i >= 0; n++ {
		f, quoted, next, err := nextField(line, i)
		if err != nil {
			break // a header cut at 64 KiB, or malformed: still a CSV
		}
		i = next
		switch string(headerName(f, quoted)) {
		case "step":
			step = true
		case "epoch":
			epoch, epochFirst = true, epochFirst || n == 0
		}
	}
	switch {
	case step && epoch:
		return Lightning
	case epochFirst:
		return Keras
	}
	return CSV
}

// hasKindString reports whether a JSON line holds "kind" followed by a
// colon and a string: a look at the text, not a parse, which is enough to
// tell vaetop's file from others.
func hasKindString(line []byte) bool {
	key := []byte(`"kind"`)
	for {
		i := bytes.Index(line, key)
		if i < 0 {
			return false
		}
		line = bytes.TrimLeft(line[i+len(key):], " \t\r")
		if len(line) > 0 && line[0] == ':' {
			if v := bytes.TrimLeft(line[1:], " \t\r"); len(v) > 0 && v[0] == '"' {
				return true
			}
		}
	}
}
