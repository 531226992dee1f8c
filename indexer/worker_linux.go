package indexer

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// asSlack is address space allowed beyond the budget: the heap grows in
// 64 MiB arenas, and new threads need stacks.
const asSlack = 128 << 20

// limitAddressSpace lowers this process's RLIMIT_AS to its current size
// plus budget (and slack), and returns the function that restores it.
// The Go runtime reserves hundreds of MB of address space it never
// touches, so the bound is relative to what is mapped now, not absolute.
func limitAddressSpace(budget int64) (lift func(), err error) {
	if sanitized() {
		return func() {}, nil
	}
	size, err := vmSize()
	if err != nil {
		return nil, err
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &old); err != nil {
		return nil, err
	}
	cur := min(size+uint64(budget)+asSlack, old.Cur, old.Max)
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: cur, Max: old.Max}); err != nil {
		return nil, err
	}
	return func() { _ = syscall.Setrlimit(syscall.RLIMIT_AS, &old) }, nil
}

// vmSize is the size of this process's address space, from
// /proc/self/status.
func vmSize() (uint64, error) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for line := range bytes.Lines(b) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmSize:")); ok {
			f := bytes.Fields(rest) // "1234 kB"
			if len(f) == 2 && string(f[1]) == "kB" {
				kb, err := strconv.ParseUint(string(f[0]), 10, 64)
				return kb << 10, err
			}
		}
	}
	return 0, fmt.Errorf("no VmSize in /proc/self/status")
}

// workerProcAttr puts a worker in its own process group, so killing it
// kills anything it started too, and asks the kernel to kill it if this
// process dies without stopping it. (Pdeathsig follows the thread that
// started the worker; Go threads outlive their goroutines, so in practice
// it is this process.)
func workerProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killWorker kills the worker's process group.
func killWorker(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
		_ = cmd.Process.Kill()
	}
}
