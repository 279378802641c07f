package watch

// takeExistence records whether the file exists and the last read error;
// it reports a change.
func (f *File) takeExistence(exists bool, err error) bool {
	old := f.status
	if err != nil {
		f.status.Err = err.Error()
		return f.status.Err != old.Err
	}
	f.status.Err = ""
	f.status.Exists = exists
	f.status.Deleted = !exists && (old.Exists || old.Deleted)
	return old.Err != "" || old.Exists != exists
}

// note sets the status's note (a warning beside the figures); it reports
// a change.
func (f *File) note(text string) bool {
	old := f.status.Note
	f.status.Note = text
	return old != text
}
