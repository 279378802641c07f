package app

import (
	"bytes"
	"errors"
	"flag"
	"strings"
	"testing"
)

// FuzzParseFlags feeds the flag parser arbitrary command lines (arguments
// separated by NUL): it must never panic, a rejected line is one line of
// text, and an accepted one holds values the trainer accepts.
func FuzzParseFlags(f *testing.F) {
	for _, seed := range []string{
		"--epochs\x005", "--lr\x00NaN", "--beta\x00-Inf", "--hidden\x00512,,256", "--dropout\x001",
		"--latent\x0099999999999999999999", "--threads\x00257", "--seed\x00-1", "--batch=0",
		"--metrics\x00a\nb", "--resume\x00x\x00--checkpoint\x00x", "junk", "--help", "-h", "--version",
		"--hidden\x00 8 , 4", "--clip\x001e308", "--weight-decay\x000x1p-3", "--lr=1e-3\x00--force",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Split(line, "\x00")
		c, err := parseFlags(args, &bytes.Buffer{})
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		if err != nil {
			var ue usageError
			if !errors.As(err, &ue) {
				t.Fatalf("%q: error %v is not a usage error", args, err)
			}
			if strings.ContainsAny(err.Error(), "\n\r") || err.Error() == "" {
				t.Fatalf("%q: error %q is not one line", args, err)
			}
			return
		}
		o := c.opts
		if err := o.Validate(); err != nil {
			t.Fatalf("%q: accepted, but the options are invalid: %v", args, err)
		}
	})
}
