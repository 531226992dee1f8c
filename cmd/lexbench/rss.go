package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"
)

// runSampled runs c in a process group of its own and returns the peak of
// the whole group's resident memory, sampled every 50 ms (lexsearch ingest
// runs its extraction workers as child processes, so the parent's own
// maxrss would miss them).
func runSampled(c *exec.Cmd) (int64, error) {
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := c.Start(); err != nil {
		return 0, err
	}
	var peak atomic.Int64
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			if rss := treeRSS(c.Process.Pid); rss > peak.Load() {
				peak.Store(rss)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	err := c.Wait()
	close(done)
	return peak.Load(), err
}

// treeRSS sums the resident memory of every process in group pgid.
func treeRSS(pgid int) int64 {
	procs, _ := filepath.Glob("/proc/[0-9]*/stat")
	page := int64(os.Getpagesize())
	var sum int64
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// Fields after the command name, which may hold spaces: state ppid pgrp ...
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := bytes.Fields(b[i+1:])
		if len(f) < 22 {
			continue
		}
		if g, _ := strconv.Atoi(string(f[2])); g != pgid {
			continue
		}
		rss, _ := strconv.ParseInt(string(f[21]), 10, 64)
		sum += rss * page
	}
	return sum
}
