package format

import (
	"fmt"
	"strings"
)

// Kind is a metrics file's format.
type Kind int

// The formats. The three CSV kinds parse alike; they differ only in what
// is reported to the user.
const (
	Auto      Kind = iota // detect from the content
	JSONL                 // generic JSON Lines
	Vaetop                // vaetop's own --metrics file (JSONL, "kind":"epoch" lines)
	Lightning             // PyTorch Lightning CSVLogger metrics.csv
	Keras                 // Keras CSVLogger
	CSV                   // any CSV with a header
)

var kindNames = [...]string{"auto", "jsonl", "vaetop", "lightning", "keras", "csv"}

// String is the kind's name as --format takes it.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind reads a --format value. Case is ignored.
func ParseKind(s string) (Kind, error) {
	for k, name := range kindNames {
		if strings.EqualFold(s, name) {
			return Kind(k), nil
		}
	}
	return Auto, fmt.Errorf("unknown format %q (want auto, jsonl, vaetop, csv, lightning or keras)", s)
}
