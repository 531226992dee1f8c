package store

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
)

// ErrLocked is what a LockedError wraps: another process is writing to
// the data directory.
var ErrLocked = errors.New("data directory is in use")

// A LockedError names the process that holds a data directory.
type LockedError struct {
	PID     int
	Command string // e.g. "lexsearch serve"
	URL     string // where the holder answers, when it said (see Store.Announce)
}

func (e *LockedError) Error() string {
	msg := fmt.Sprintf("%v by pid %d (%s)", ErrLocked, e.PID, e.Command)
	if strings.Contains(e.Command, "serve") {
		server := cmp.Or(e.URL, "URL")
		if e.URL != "" {
			msg += " at " + e.URL
		}
		return msg + "; to add files, send them to the running server with `lexsearch ingest -server " + server + "`; to search, ask the server; or stop it first"
	}
	return msg + "; wait for it to finish, or use another -data directory"
}

func (e *LockedError) Unwrap() error { return ErrLocked }
