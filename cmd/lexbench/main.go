// Command lexbench measures lexsearch end to end on a synthetic corpus and
// writes BENCHMARKS.md: ingest docs/s and MB/s, index size, peak RSS, time
// to ready, and query latency per class over HTTP at concurrency 1 and 8,
// side by side with raw bleve on the same text in the same run.
//
//	lexbench [-docs 10000,100000] [-seed 1] [-work DIR] [-bin bin/lexsearch] [-reps 5] [-out BENCHMARKS.md] [-profile]
//	lexbench query -corpus DIR (-data DIR | -server URL) [-bin bin/lexsearch] [-reps 5] [-conc 1,8] [-cpuprofile FILE]
//
// The second form runs only the query mix, against a data folder already
// built or a server already running, and prints the table.
//
// `make bench` runs it after the Go benchmarks; BENCH_DOCS=2000 makes a
// quick run. It only talks to the server it starts, on 127.0.0.1.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch {
	case len(os.Args) > 1 && os.Args[1] == "rawbleve":
		err = runRawBleve(ctx, os.Args[2:])
	case len(os.Args) > 1 && os.Args[1] == "query":
		err = runQuery(ctx, os.Args[2:])
	default:
		err = run(ctx, os.Args[1:])
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "lexbench: %v\n", err)
		os.Exit(1)
	}
}

type config struct {
	sizes   []int
	seed    uint64
	work    string
	bin     string
	reps    int
	out     string
	profile bool
	conc    []int
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("lexbench", flag.ContinueOnError)
	docs := fs.String("docs", "10000,100000", "corpus sizes to measure, comma-separated")
	seed := fs.Uint64("seed", 1, "generator seed")
	work := fs.String("work", filepath.Join(os.TempDir(), "lexbench"), "work folder (corpora, indexes; several GB at 100k)")
	bin := fs.String("bin", "bin/lexsearch", "the lexsearch binary to measure")
	reps := fs.Int("reps", 5, "measured passes over the query mix, per concurrency")
	out := fs.String("out", "BENCHMARKS.md", "report to write")
	profile := fs.Bool("profile", false, "write CPU profiles of ingest and serve into the work folder (LEXSEARCH_CPUPROFILE)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := config{seed: *seed, work: *work, reps: *reps, out: *out, profile: *profile, conc: []int{1, 8}}
	for _, s := range strings.Split(*docs, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-docs: %q is not a positive number", s)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	abs, err := filepath.Abs(*bin)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("-bin %s: %w (run `make build` first)", *bin, err)
	}
	cfg.bin = abs
	if err := os.MkdirAll(cfg.work, 0o755); err != nil {
		return err
	}
	var runs []*sizeRun
	for _, n := range cfg.sizes {
		r, err := measure(ctx, cfg, n)
		if err != nil {
			return fmt.Errorf("%d documents: %w", n, err)
		}
		runs = append(runs, r)
		// Write after each size, so a long run leaves a report behind.
		if err := writeReport(cfg, runs); err != nil {
			return err
		}
	}
	if len(runs) == 0 {
		return errors.New("nothing measured")
	}
	fmt.Printf("wrote %s\n", cfg.out)
	return nil
}
