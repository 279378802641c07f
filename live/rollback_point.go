package live

import "fmt"

// RollbackPoint says where Rollback would take the run.
type RollbackPoint struct {
	Epoch    int   // epochs completed there
	Step     int64 // steps done there
	MidEpoch bool  // the run was resumed from a mid-epoch checkpoint and no epoch has ended since
}

// String describes the point for people: "the end of epoch 3".
func (p RollbackPoint) String() string {
	switch {
	case p.MidEpoch:
		return fmt.Sprintf("step %d, where this run was resumed", p.Step)
	case p.Epoch == 0:
		return "the start of the run"
	}
	return fmt.Sprintf("the end of epoch %d", p.Epoch)
}
