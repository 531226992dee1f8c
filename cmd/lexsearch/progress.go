package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"lexsearch/indexer"
)

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress returns a progress callback for the indexer: a bar redrawn in
// place when stderr is a terminal, else a plain line every tenth of the
// way (and for the last file), which reads well in CI logs.
func progress(e env, verb string) func(done, total int, path string) {
	if isTerminal(e.stderr) {
		return func(done, total int, path string) {
			const width = 30
			filled := width * done / max(total, 1)
			name := path
			if len(name) > 40 {
				name = "…" + name[len(name)-39:]
			}
			fmt.Fprintf(e.stderr, "\r\033[K%s [%s%s] %d/%d %s", verb,
				strings.Repeat("█", filled), strings.Repeat("·", width-filled), done, total, name)
			if done == total {
				fmt.Fprintln(e.stderr)
			}
		}
	}
	step := 0
	return func(done, total int, path string) {
		if s := 10 * done / max(total, 1); s > step || done == total {
			step = s
			fmt.Fprintf(e.stderr, "%s: %d/%d files (%s)\n", verb, done, total, path)
		}
	}
}

// printSummary writes what an ingest run did, then each skipped file.
func printSummary(w io.Writer, s indexer.Stats) {
	if s.Rebuilt > 0 {
		fmt.Fprintf(w, "rebuilt %d from kept text, ", s.Rebuilt)
	}
	fmt.Fprintf(w, "indexed %d, skipped %d", s.Indexed, len(s.Skipped))
	if len(s.Skipped) > 0 {
		var parts []string
		for reason, n := range s.SkippedBy() {
			parts = append(parts, fmt.Sprintf("%s %d", reason, n))
		}
		slices.Sort(parts)
		fmt.Fprintf(w, " (%s)", strings.Join(parts, ", "))
	}
	if s.Unchanged > 0 {
		fmt.Fprintf(w, ", unchanged %d", s.Unchanged)
	}
	if s.Duplicates > 0 {
		fmt.Fprintf(w, ", same content as a kept document %d", s.Duplicates)
	}
	if s.Replaced > 0 {
		fmt.Fprintf(w, ", replaced %d changed files", s.Replaced)
	}
	if s.Pruned > 0 {
		fmt.Fprintf(w, ", pruned %d", s.Pruned)
	}
	fmt.Fprintf(w, " in %s\n", s.Took.Round(time.Millisecond))
	for _, sk := range s.Skipped {
		fmt.Fprintf(w, "  skipped %s: %s: %v\n", sk.Path, sk.Reason, sk.Err)
	}
}
