package serve

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/mnist"
	"github.com/vaetop/vaetop/trainer"
)

// rig is a server over a small trainer that keeps training, and a key it
// lets in.
type rig struct {
	t      *testing.T
	tr     *trainer.Trainer
	srv    *Server
	addr   string
	signer gossh.Signer
	stop   func()
}

func tinyData(t testing.TB, n int) trainer.Data {
	mk := func(n int) *mnist.Dataset {
		im := &mnist.Images{N: n, Rows: 28, Cols: 28, Pixels: make([]uint8, n*784)}
		labels := make([]uint8, n)
		for i := range labels {
			labels[i] = uint8(i % 10)
			for y := 4; y < 24; y++ {
				im.Pixels[i*784+y*28+4+2*(i%10)] = 255
			}
		}
		d, err := mnist.NewDataset(im, labels, "images", "labels")
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	return trainer.Data{Train: mk(n), Test: mk(n / 4)}
}

func newRig(t *testing.T) *rig {
	t.Helper()
	dir := t.TempDir()
	o := trainer.Defaults()
	o.Model.Hidden, o.Model.Latent, o.Batch, o.Epochs = []int{32, 16}, 4, 32, 100000
	o.PublishInterval = 20 * time.Millisecond
	tr, err := trainer.New(o, tinyData(t, 320))
	if err != nil {
		t.Fatal(err)
	}
	srv, signer := newTestServer(t, dir, tr, Config{StallTimeout: 300 * time.Millisecond})
	ln, err := srv.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { tr.Run(ctx) })
	wg.Go(func() { srv.Serve(ctx, ln) })
	r := &rig{t: t, tr: tr, srv: srv, addr: ln.Addr().String(), signer: signer}
	r.stop = func() { cancel(); wg.Wait() }
	t.Cleanup(r.stop)
	return r
}

// newTestServer is a server of tr on a free loopback port, with a new key
// it lets in; cfg gives the rest.
func newTestServer(t testing.TB, dir string, tr *trainer.Trainer, cfg Config) (*Server, gossh.Signer) {
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, _ := gossh.NewSignerFromKey(priv)
	cfg.Addr, cfg.HostKey, cfg.AuthorizedKeys = "127.0.0.1:0", filepath.Join(dir, "host"), filepath.Join(dir, "authorized")
	os.WriteFile(cfg.AuthorizedKeys, gossh.MarshalAuthorizedKey(signer.PublicKey()), 0o600)
	srv, err := New(cfg, []live.Source{tr})
	if err != nil {
		t.Fatal(err)
	}
	return srv, signer
}

// dial opens a session with a PTY of w×h and a shell; signer nil: a key
// the server does not know.
func (r *rig) dial(signer gossh.Signer, w, h int) (*gossh.Client, *gossh.Session, io.Reader, error) {
	if signer == nil {
		_, priv, _ := ed25519.GenerateKey(rand.Reader)
		signer, _ = gossh.NewSignerFromKey(priv)
	}
	c, err := gossh.Dial("tcp", r.addr, &gossh.ClientConfig{User: "viewer", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := c.NewSession()
	if err != nil {
		c.Close()
		return nil, nil, nil, err
	}
	out, _ := s.StdoutPipe()
	if err := s.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		c.Close()
		return nil, nil, nil, err
	}
	if err := s.Shell(); err != nil {
		c.Close()
		return nil, nil, nil, err
	}
	return c, s, out, nil
}

// readSome reads until n bytes of frames have come (at most 10 s).
func readSome(t *testing.T, out io.Reader, n int) {
	t.Helper()
	got := make(chan int, 1)
	go func() {
		buf := make([]byte, 4096)
		total := 0
		for total < n {
			k, err := out.Read(buf)
			total += k
			if err != nil {
				break
			}
		}
		got <- total
	}()
	select {
	case total := <-got:
		if total < n {
			t.Fatalf("read %d bytes of frames, want %d", total, n)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no %d bytes of frames within 10 s", n)
	}
}

// step is the trainer's step, as a viewer sees it.
func (r *rig) step() int64 {
	sub := r.tr.Subscribe()
	defer sub.Close()
	s, _ := sub.Next()
	return s.Step
}

// The server shrugs off what clients do wrong: dropped connections,
// absurd window sizes, a client that never reads, bad keys. Nothing
// panics, training goes on, a good client still gets frames, and the
// goroutines return to their baseline.
func TestServerSurvivesFaults(t *testing.T) {
	r := newRig(t)
	time.Sleep(200 * time.Millisecond)
	base := runtime.NumGoroutine()
	start := r.step()

	for i := 0; i < 10; i++ { // dropped mid-frame
		c, _, out, err := r.dial(r.signer, 120, 40)
		if err != nil {
			t.Fatal(err)
		}
		readSome(t, out, 512)
		c.Conn.Close()
	}
	for _, size := range [][2]int{{0, 0}, {1, 1}, {65535, 65535}} { // absurd sizes
		c, s, out, err := r.dial(r.signer, size[0], size[1])
		if err != nil {
			t.Fatal(err)
		}
		// The first frame before the resize: charmbracelet/ssh writes a
		// window change into the session's Pty unlocked, and the race
		// detector flags it against our handler's first sess.Pty() read.
		readSome(t, out, 8) // a 1x1 frame is a few bytes
		s.WindowChange(size[1], size[0])
		readSome(t, out, 8)
		c.Close()
	}
	for i := 0; i < 100; i++ { // bad keys
		if c, _, _, err := r.dial(nil, 80, 24); err == nil {
			c.Close()
			t.Fatal("an unknown key was let in")
		}
	}
	// A client that never reads holds nothing up: training and the other
	// viewers go on. (Once its SSH window, 2 MB, is full, a frame stalls
	// and its session is closed: TestStallWriterGivesUp.)
	stuck, _, _, err := r.dial(r.signer, 400, 150)
	if err != nil {
		t.Fatal(err)
	}
	defer stuck.Close()
	before := r.step()
	time.Sleep(time.Second)
	if r.step() <= before {
		t.Error("training stopped while a client did not read")
	}

	good, _, out, err := r.dial(r.signer, 120, 40)
	if err != nil {
		t.Fatal(err)
	}
	readSome(t, out, 2048)
	good.Close()
	stuck.Close()
	if now := r.step(); now <= start {
		t.Errorf("training stopped: step %d, then %d", start, now)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base+2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base+2 {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines 5 s after the last client, %d before:\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}
}
