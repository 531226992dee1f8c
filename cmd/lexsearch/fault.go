package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// faultHook returns the fault-injection hook of LEXSEARCH_FAULT, or nil
// when it is unset. LEXSEARCH_FAULT=step (or step:N, the Nth time the
// step is reached) makes the process SIGKILL itself there: the kill -9
// tests use it to stop a write at each of its steps and check what the
// next run finds. LEXSEARCH_FAULT=hang:step[:N] instead says so on stderr
// ("fault: hanging at step") and waits there forever, holding the data
// directory, for the tests of concurrent writers. The steps are named in package store (kept-written,
// catalog-written, index-written, shard-I-applied (shard I of an ingest's
// pipeline has written a batch), rebuild-indexed, rebuild-catalog,
// pointer-before, pointer-after, rebuild-committed).
func faultHook(getenv func(string) string, stderr io.Writer) func(string) {
	spec := getenv("LEXSEARCH_FAULT")
	if spec == "" {
		return nil
	}
	spec, hang := strings.CutPrefix(spec, "hang:")
	want, nth := spec, 1
	if s, n, ok := strings.Cut(spec, ":"); ok {
		if v, err := strconv.Atoi(n); err == nil && v > 0 {
			want, nth = s, v
		}
	}
	var mu sync.Mutex
	seen := 0
	return func(step string) {
		if step != want {
			return
		}
		mu.Lock()
		seen++
		hit := seen == nth
		mu.Unlock()
		if hit && hang {
			fmt.Fprintf(stderr, "fault: hanging at %s\n", step)
			select {}
		}
		if hit {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
}
