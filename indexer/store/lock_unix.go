//go:build unix

package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// lockFile takes an exclusive flock on path without waiting, and writes
// the holder's pid and command into it. The lock goes with the process:
// a killed writer leaves no stale lock behind.
func lockFile(path, command string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, holderError(f)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := f.Truncate(0); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.WriteAt([]byte(fmt.Sprintf("pid %d\ncommand %s\n", os.Getpid(), command)), 0); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// holderError reads who holds the lock from the lock file.
func holderError(f *os.File) error {
	buf := make([]byte, 512)
	n, _ := f.ReadAt(buf, 0)
	le := &LockedError{}
	for _, line := range strings.Split(string(buf[:n]), "\n") {
		k, v, _ := strings.Cut(line, " ")
		switch k {
		case "pid":
			le.PID, _ = strconv.Atoi(v)
		case "command":
			le.Command = v
		case "url":
			le.URL = v
		}
	}
	return le
}

// noteLock adds a "key value" line to the lock file f holds.
func noteLock(f *os.File, key, value string) error {
	if strings.ContainsAny(value, "\n") {
		return fmt.Errorf("lock note %s: %q holds a line break", key, value)
	}
	end, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	_, err = f.WriteAt([]byte(key+" "+value+"\n"), end)
	return err
}

func unlockFile(f *os.File) error {
	return f.Close() // closing the descriptor releases the flock
}
