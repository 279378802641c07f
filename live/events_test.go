package live

import "testing"

func TestPendingEventsAreBounded(t *testing.T) {
	var list []Event
	for i := 0; i < 3*maxPendingEvents; i++ {
		list = appendEvents(list, Event{Step: int64(i)})
	}
	if len(list) != maxPendingEvents || list[0].Step != 2*maxPendingEvents || list[len(list)-1].Step != 3*maxPendingEvents-1 {
		t.Fatalf("kept %d events, %d..%d", len(list), list[0].Step, list[len(list)-1].Step)
	}
}
