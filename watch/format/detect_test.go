package format

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	huge := `{"a":"` + strings.Repeat("x", headMax)
	tests := []struct {
		name string
		head string
		want Kind
	}{
		{"jsonl", `{"step":1,"loss":2}` + "\n" + `{"st`, JSONL},
		{"jsonl without kind string", `{"kind":1}` + "\n", JSONL},
		{"vaetop", vaetopLine + "\n", Vaetop},
		{"vaetop, other kind", `{ "kind" : "note"}` + "\n", Vaetop},
		{"lightning", "epoch,step,train_loss,val_loss\n0,49,0.5,\n", Lightning},
		{"lightning, a key before epoch", "lr-Adam,epoch,step\n", Lightning},
		{"lightning, quoted, CRLF", "\"step\",\"epoch\"\r\n", Lightning},
		{"keras", "epoch,loss,val_loss\n0,0.5,NA\n", Keras},
		{"keras CRLF", "epoch,loss\r\n", Keras},
		{"csv", "iteration,loss\n1,2\n", CSV},
		{"csv, epoch not first", "loss,epoch\n", CSV},
		{"csv, one column", "loss\n", CSV},
		{"partial first line", `{"step":1,"lo`, Auto},
		{"partial header", "epoch,st", Auto},
		{"empty", "", Auto},
		{"blank lines only", "\n \r\n\t\n  ", Auto},
		{"blank lines first", "\n\r\n  \n{\"a\":1}\n", JSONL},
		{"BOM, csv", "\ufeffepoch,loss\n", Keras},
		{"BOM, jsonl", "\ufeff{\"a\":1}\n", JSONL},
		{"BOM only", "\ufeff", Auto},
		{"64 KiB first line, no newline", huge, JSONL},
		{"64 KiB first line, vaetop", `{"kind":"epoch",` + huge[1:], Vaetop},
		{"64 KiB first line, csv", "epoch," + strings.Repeat("x", headMax), Keras},
		{"under 64 KiB, no newline", huge[:headMax-1], Auto},
		{"malformed quote in header", "\"epoch,loss\n", CSV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.head)); got != tt.want {
				t.Errorf("Detect(%.40q) = %v, want %v", tt.head, got, tt.want)
			}
		})
	}
}
