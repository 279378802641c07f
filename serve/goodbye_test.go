package serve

import (
	"bytes"
	"testing"
	"time"
)

// When the server stops, each viewer's screen quits first: the terminal
// leaves the alternate screen and the viewer is told why, before the
// connection closes.
func TestServerStopRestoresViewers(t *testing.T) {
	r := newRig(t)
	c, _, out, err := r.dial(r.signer, 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rest := make(chan []byte, 1)
	started := make(chan struct{})
	go func() {
		var b bytes.Buffer
		buf := make([]byte, 4096)
		signalled := false
		for {
			n, err := out.Read(buf)
			b.Write(buf[:n])
			if b.Len() > 2000 && !signalled {
				close(started)
				signalled = true
			}
			if err != nil {
				rest <- b.Bytes()
				return
			}
		}
	}()
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("no frames within 10 s")
	}
	r.stop()
	var got []byte
	select {
	case got = <-rest:
	case <-time.After(5 * time.Second):
		t.Fatal("the connection did not close within 5 s of the server's stop")
	}
	tail := got[max(0, len(got)-400):]
	if !bytes.Contains(got, []byte("\x1b[?1049l")) || !bytes.Contains(tail, []byte("the server has stopped")) {
		t.Errorf("the viewer's terminal was not restored and told: last bytes %q", tail)
	}
}
