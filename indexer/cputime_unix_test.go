//go:build unix

package indexer

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user and system) this process has used,
// garbage collection included: what a busy machine does not inflate the
// way it inflates wall-clock time.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
