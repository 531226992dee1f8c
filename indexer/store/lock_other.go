//go:build !unix

package store

import (
	"errors"
	"os"
)

func lockFile(path, command string) (*os.File, error) {
	return nil, errors.New("lexsearch data directories need flock, which this system lacks")
}

func unlockFile(f *os.File) error { return f.Close() }

func noteLock(f *os.File, key, value string) error { return nil }
