package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"lexsearch/indexer"
)

// workerCommand is the hidden subcommand that runs an extract worker. It
// is not in commands(), so help does not list it: people never type it,
// ingest starts it (see workerOptions).
const workerCommand = "extract-worker"

// runExtractWorker serves extraction requests from the parent process on
// standard input and output until the parent closes standard input.
func runExtractWorker(ctx context.Context, e env, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments; ingest and serve start it", workerCommand)
	}
	out := e.stdout
	if f, ok := out.(*os.File); ok && f == os.Stdout {
		// Standard output carries the protocol, and the PDF reader prints
		// debugging lines with fmt.Printf: send those to stderr, which the
		// parent reads as diagnostics. This process does nothing else.
		os.Stdout = os.Stderr
	}
	return indexer.ServeWorker(ctx, e.stdin, out)
}

// isolationFlags adds the flags that bound the extraction of one file.
func isolationFlags(fs *flag.FlagSet) (timeout *time.Duration, memory *byteSize) {
	timeout = fs.Duration("file-timeout", time.Minute,
		"skip a file as \"timeout\" when its extraction takes longer (its worker process is killed)")
	memory = new(byteSize)
	*memory = 2 << 30
	fs.Var(memory, "file-memory",
		"most memory the extraction of one file may use, a `size` such as 2GiB or 512MiB; a file gets 256MiB plus 64 bytes per byte, up to this, "+
			"and is skipped as \"too-large\" past it")
	return timeout, memory
}

// workerOptions sets opts to extract in worker processes, each this binary
// running `lexsearch extract-worker`. When the binary cannot find itself,
// extraction stays in this process, unprotected, with a warning.
func workerOptions(logger *slog.Logger, opts indexer.Options) indexer.Options {
	exe, err := os.Executable()
	if err != nil {
		logger.Warn("extracting in this process: a file that hangs or exhausts memory will stop the run", "err", err)
		return opts
	}
	opts.WorkerCommand = []string{exe, workerCommand}
	return opts
}

// byteSize is a flag holding a number of bytes, written with an optional
// unit: 1048576, 512MiB, 2GiB, 1.5GB.
type byteSize int64

func (b *byteSize) String() string {
	n := int64(*b)
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteSize) Set(s string) error {
	units := []struct {
		suffix string
		mult   float64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
	}
	num, mult := strings.TrimSpace(s), 1.0
	for _, u := range units {
		if v, ok := strings.CutSuffix(num, u.suffix); ok {
			num, mult = strings.TrimSpace(v), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f <= 0 || f*mult > 1<<62 {
		return fmt.Errorf("want a positive size such as 2GiB or 512MiB")
	}
	*b = byteSize(f * mult)
	return nil
}
