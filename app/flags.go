// Package app is vaetop's command line: flags, data lookup, the choice
// between the dashboard and headless output, and exit codes.
package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vaetop/vaetop/blasimpl"
	"github.com/vaetop/vaetop/trainer"
)

// Exit codes.
const (
	ExitOK        = 0
	ExitFailure   = 1 // data, checkpoint or I/O errors
	ExitUsage     = 2 // bad flags or values
	ExitInterrupt = 130
)

// config is everything the command line sets.
type config struct {
	opts        trainer.Options
	notes       []string // said on stderr before the run starts (compare's reading of its arguments)
	headless    bool
	tui         bool
	data        string
	metrics     string
	resume      string
	samples     string
	threads     int
	ascii       bool
	noDownload  bool
	explicit    map[string]bool // flags given on the command line
	hidden      string
	seed        int64
	force       bool
	showVersion bool
	serve       serveFlags
}

// serveFlags say whether and how the runs are served over SSH.
type serveFlags struct {
	listen, hostKey, authorizedKeys, controlKeys, color string
	fps                                                 int
}

func newConfig() *config {
	return &config{opts: trainer.Defaults(), explicit: map[string]bool{}}
}

// usageError is a bad command line; it exits with ExitUsage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// parseFlags reads args into a config; its errors are one line.
func parseFlags(args []string, out io.Writer) (*config, error) {
	c := newConfig()
	help := false
	fs := c.flagSet(&help)
	if err := fs.Parse(args); err != nil {
		return nil, usageError{oneLine(err)}
	}
	return c.finish(fs, help, out)
}

// flagSet defines every flag into c. Each one also has a row in
// resumeTable (resume.go), which a test holds to this list.
func (c *config) flagSet(help *bool) *flag.FlagSet {
	o := &c.opts
	fs := flag.NewFlagSet("vaetop", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&c.headless, "headless", false, "no dashboard: print one line per epoch (automatic when stdout is not a terminal)")
	fs.BoolVar(&c.tui, "tui", false, "force the dashboard even when stdout is not a terminal")
	fs.IntVar(&o.Epochs, "epochs", o.Epochs, "training epochs")
	fs.IntVar(&o.Batch, "batch", o.Batch, "batch size")
	fs.Float64Var(&o.LR, "lr", o.LR, "Adam learning rate")
	fs.Float64Var(&o.Beta, "beta", o.Beta, "weight β of the KL term (loss = reconstruction + β·KL)")
	fs.IntVar(&o.BetaWarmup, "beta-warmup", 0, "KL warm-up: β rises linearly from 0 to --beta over `N` epochs (0 = off)")
	fs.IntVar(&o.BetaCycles, "beta-cycles", 0, "cyclical β: `M` cycles over the run, each ramping 0 → --beta over its first half (0 = off)")
	fs.Float64Var(&o.FreeBits, "free-bits", 0, "free bits: the loss counts each latent unit's batch-mean KL as at least `λ` nats (0 = off)")
	fs.IntVar(&o.Model.Latent, "latent", o.Model.Latent, "latent size")
	fs.StringVar(&c.hidden, "hidden", "512,256", "encoder hidden `SIZES`, comma-separated (the decoder mirrors them)")
	fs.StringVar(&o.Model.Activation, "activation", o.Model.Activation, "`relu` or leaky (LeakyReLU, slope 0.01)")
	fs.StringVar(&o.Model.Loss, "loss", o.Model.Loss, "reconstruction loss: `bce` or mse (summed)")
	fs.Float64Var(&o.Model.Dropout, "dropout", 0, "dropout after each hidden layer (tutorial: 0.5), 0 = off")
	fs.Float64Var(&o.Model.LatentDropout, "latent-dropout", 0, "dropout on the sampled z (tutorial: 0.2), 0 = off")
	fs.BoolVar(&o.Model.BatchNorm, "batchnorm", false, "BatchNorm1d after each hidden Linear")
	fs.BoolVar(&o.Model.Conditional, "conditional", false, "conditional VAE: one-hot digit label joined to x and z")
	fs.Float64Var(&o.WeightDecay, "weight-decay", 0, "Adam L2 weight decay (tutorial: 1e-5)")
	fs.Float64Var(&o.Clip, "clip", 0, "clip gradients to this global L2 norm (tutorial: 1.0), 0 = off")
	fs.Int64Var(&c.seed, "seed", 1, "random seed (same seed, same losses at the same thread count)")
	fs.IntVar(&o.TrainLimit, "train-limit", 0, "train on the first N images only (0 = all 60000)")
	fs.StringVar(&c.data, "data", "", "`DIR` with the MNIST files (plain or .gz); default: $MNIST_DIR, the Go module cache, then a download")
	fs.StringVar(&c.metrics, "metrics", "", "write JSON Lines metrics (one \"epoch\" object per epoch) to `FILE`")
	fs.StringVar(&o.Checkpoint, "checkpoint", "", "save a checkpoint to `FILE` after every epoch and on exit (atomically)")
	fs.StringVar(&c.resume, "resume", "", "continue the run saved in `FILE`")
	fs.StringVar(&c.samples, "samples", "", "write an 8x8 grid of 64 prior samples to `FILE.png` when training ends")
	fs.IntVar(&c.threads, "threads", 0, "CPU threads for the matrix products (0 = all cores)")
	fs.BoolVar(&c.ascii, "ascii", false, "dashboard without colour: digits drawn with an ASCII ramp")
	fs.BoolVar(&c.noDownload, "no-download", false, "never download MNIST; fail if it is not found locally")
	fs.BoolVar(&c.force, "force", false, "overwrite an existing --checkpoint this run did not resume from, and start an existing --metrics file anew")
	fs.StringVar(&o.Label, "name", "", "the run's `NAME` on the dashboard (default: its checkpoint's name); in vaetop compare, in its lines and file names (default: the flags it changes)")
	c.serve.addFlags(fs)
	fs.BoolVar(&c.showVersion, "version", false, "print the version and exit")
	fs.Usage = func() {}
	fs.BoolVar(help, "help", false, "show this help")
	fs.BoolVar(help, "h", false, "show this help")
	return fs
}

// finish checks and completes what fs parsed into c.
func (c *config) finish(fs *flag.FlagSet, help bool, out io.Writer) (*config, error) {
	o := &c.opts
	if help {
		printUsage(fs, out)
		return nil, flag.ErrHelp
	}
	if c.showVersion {
		fmt.Fprintln(out, version())
		return nil, flag.ErrHelp
	}
	if fs.NArg() > 0 {
		return nil, usageError{fmt.Sprintf("unexpected argument %q (flags are --name value)", fs.Arg(0))}
	}
	fs.Visit(func(f *flag.Flag) { c.explicit[f.Name] = true })
	if err := checkEmptyPaths(fs); err != nil {
		return nil, err
	}
	if c.seed < 0 {
		return nil, usageError{fmt.Sprintf("--seed %d must be >= 0", c.seed)}
	}
	o.Seed = uint64(c.seed)
	hidden, err := parseSizes(c.hidden)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	o.Model.Hidden = hidden
	if c.threads < 0 || c.threads > blasimpl.MaxThreads {
		return nil, usageError{fmt.Sprintf("--threads %d must be in 0..%d", c.threads, blasimpl.MaxThreads)}
	}
	if c.explicit["name"] {
		if err := checkName(o.Label); err != nil {
			return nil, err
		}
	}
	if err := c.serve.check(); err != nil {
		return nil, err
	}
	if c.headless && c.tui {
		return nil, usageError{"--headless and --tui contradict each other"}
	}
	if err := o.Validate(); err != nil {
		return nil, usageError{err.Error()}
	}
	return c, nil
}

// checkEmptyPaths refuses a path flag given empty: an unset shell
// variable (--checkpoint "$CKPT") would otherwise turn saving off, or
// fall back to a default, without a word.
func checkEmptyPaths(fs *flag.FlagSet) error {
	var empty string
	fs.Visit(func(f *flag.Flag) {
		if pathFlags[f.Name] && f.Value.String() == "" && empty == "" {
			empty = f.Name
		}
	})
	if empty != "" {
		return usageError{fmt.Sprintf("--%s was given an empty path", empty)}
	}
	return nil
}

// pathFlags take a path, which may not be empty when given.
var pathFlags = map[string]bool{"checkpoint": true, "metrics": true, "resume": true, "data": true, "samples": true,
	"host-key": true, "authorized-keys": true, "control-keys": true}

// maxNameLen is the longest --name, in characters.
const maxNameLen = 64

// checkName accepts a --name that can head a line and a table column.
func checkName(name string) error {
	if strings.TrimSpace(name) == "" || utf8.RuneCountInString(name) > maxNameLen || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return usageError{fmt.Sprintf("--name %q must be 1 to %d printable characters", name, maxNameLen)}
	}
	return nil
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 65536 {
			return nil, fmt.Errorf("--hidden %q: each size must be an integer in 1..65536", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// oneLine turns the flag package's messages into "--name: problem".
func oneLine(err error) string {
	msg := err.Error()
	msg = strings.ReplaceAll(msg, "flag provided but not defined: -", "unknown flag --")
	msg = strings.ReplaceAll(msg, " for flag -", " for --")
	if i := strings.Index(msg, "\" for -"); i >= 0 && !strings.HasPrefix(msg[i+len("\" for -"):], "-") {
		msg = msg[:i] + "\" for --" + msg[i+len("\" for -"):] // invalid boolean value "x" for -json
	}
	msg = strings.ReplaceAll(msg, "flag needs an argument: -", "flag needs a value: --")
	msg = strings.TrimSuffix(msg, ": parse error")
	var ne *strconv.NumError
	if errors.As(err, &ne) {
		msg = strings.ReplaceAll(msg, ": "+ne.Err.Error(), "")
	}
	return escapeControls(msg)
}

// escapeControls spells control characters (a newline or carriage return
// typed into a value) as Go escapes, so a message stays one line.
func escapeControls(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func printUsage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprint(w, `vaetop trains a variational autoencoder on MNIST and shows it live.

usage: vaetop [flags]          dashboard in a terminal, epoch lines otherwise
       vaetop --headless ...   always epoch lines
       vaetop bench [--steps N] [--batch N] [--threads N] [--data DIR] [--json]
                               time training steps: images/s, s/epoch, GFLOP/s, allocs, RSS;
                               this machine's FMA peak, clock and bandwidth, the epoch's
                               limit and the split of a step's time
       vaetop explore [--data DIR] [--no-download] [--ascii] [--listen ADDR] FILE.ckpt
                               the latent explorer on a checkpoint, no training; q quits
       vaetop watch [--format F] [--ascii] [--listen ADDR] FILE ... | DIR ...
                               follow other trainers' metrics files (JSON Lines, CSV,
                               Hugging Face dirs), or every run below DIRs; q quits
       vaetop serve [flags]    train headless and serve the dashboard over SSH on
                               127.0.0.1:2222 (--listen ADDR); viewers connect with ssh -t
       vaetop compare [shared flags] 'RUN FLAGS' 'RUN FLAGS' ...
                               2 to 6 runs side by side, e.g.
                               vaetop compare --epochs 10 '--latent 16' '--latent 64'
                               each quoted argument is one run's flags (shell quoting
                               inside works), read after the shared flags, so they win;
                               a run is named by its flags ("latent 16"; none: "base")
                               or by its --name. Shared only: --checkpoint DIR and
                               --resume DIR (DIR/<name>.ckpt per run, the name in lower
                               case, spaces as '-'), --samples DIR (DIR/<name>.png),
                               --metrics FILE (one file, a "run" field on each line),
                               --threads N (the cores, shared: N/runs threads each),
                               --data, --headless, --tui; "--" ends the shared flags
       vaetop help             this help
       vaetop --version        the version and the build's commit

In the dashboard, e opens the latent explorer (e or esc returns) and ? lists the keys.

flags:
`)
	fs.VisitAll(func(f *flag.Flag) {
		if f.Name == "h" {
			return
		}
		name, usage := flag.UnquoteUsage(f)
		arg := ""
		if name != "" {
			arg = " " + name
		}
		def := ""
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			def = fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "  --%-22s %s%s\n", f.Name+arg, usage, def)
	})
}

// defaultHostKey is the host key's place in the user's config directory.
func defaultHostKey() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "vaetop_host_ed25519"
	}
	return filepath.Join(dir, "vaetop", "ssh_host_ed25519")
}

// defaultAuthorizedKeys is ~/.ssh/authorized_keys.
func defaultAuthorizedKeys() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".ssh", "authorized_keys")
}

// addFlags declares the serve flags on fs.
func (f *serveFlags) addFlags(fs *flag.FlagSet) {
	fs.StringVar(&f.listen, "listen", "", "serve the dashboard over SSH on `ADDR` (host:port; vaetop serve: 127.0.0.1:2222)")
	fs.StringVar(&f.hostKey, "host-key", defaultHostKey(), "the SSH host key `FILE`, generated (ed25519, mode 0600) when missing")
	fs.StringVar(&f.authorizedKeys, "authorized-keys", defaultAuthorizedKeys(), "the public keys that may connect (authorized_keys `FILE`)")
	fs.StringVar(&f.controlKeys, "control-keys", "", "the public keys that may steer (`FILE`); the others only watch (default: every authorized key steers)")
	fs.StringVar(&f.color, "color", "auto", "viewers' colours: auto (from their TERM), truecolor, 256, 16 or none")
	fs.IntVar(&f.fps, "fps", 10, "frames a second to each SSH viewer (1-30)")
}

// check vets the serve flags' values.
func (f *serveFlags) check() error {
	if f.fps < 1 || f.fps > 30 {
		return usageError{fmt.Sprintf("--fps %d must be in 1..30", f.fps)}
	}
	switch f.color {
	case "auto", "truecolor", "256", "16", "none":
	default:
		return usageError{fmt.Sprintf("--color %q: give auto, truecolor, 256, 16 or none", f.color)}
	}
	return nil
}
