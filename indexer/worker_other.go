//go:build !linux

package indexer

import (
	"os/exec"
	"syscall"
)

// limitAddressSpace does nothing here: only Linux enforces RLIMIT_AS
// usefully. The heap watcher in limitMemory is the bound.
func limitAddressSpace(budget int64) (lift func(), err error) { return func() {}, nil }

// workerProcAttr starts a worker as an ordinary child.
func workerProcAttr() *syscall.SysProcAttr { return nil }

// killWorker kills the worker process.
func killWorker(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
