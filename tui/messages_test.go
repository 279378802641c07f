package tui

import "testing"

func TestWaitSnapshot(t *testing.T) {
	f := newFakeRun()
	f.publish(fakeSnapshot(1, 3))
	f.publish(fakeSnapshot(4, 5))
	msg := waitSnapshot(0, f)().(snapshotMsg)
	if !msg.ok || msg.closed || len(msg.snap.Steps) != 5 {
		t.Fatalf("coalesced read: ok %v closed %v %d steps", msg.ok, msg.closed, len(msg.snap.Steps))
	}
	// The last publish before the close still arrives; then the read
	// reports the close.
	f.publish(fakeSnapshot(6, 6))
	f.Close()
	msg = waitSnapshot(0, f)().(snapshotMsg)
	if !msg.ok || len(msg.snap.Steps) != 1 {
		t.Fatalf("final read: ok %v", msg.ok)
	}
	if !msg.closed {
		msg = waitSnapshot(0, f)().(snapshotMsg)
	}
	if msg.ok || !msg.closed {
		t.Fatalf("read after close: ok %v closed %v", msg.ok, msg.closed)
	}
}
