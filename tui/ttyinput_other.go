//go:build !linux

package tui

import (
	"errors"
	"io"
)

// openKeyboard is only needed on Linux (see ttyinput_linux.go); elsewhere
// bubbletea reads the terminal itself.
func openKeyboard() (io.Reader, func(), error) {
	return nil, nil, errors.New("not on Linux")
}
