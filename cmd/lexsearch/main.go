// Command lexsearch ingests court opinions, dockets, case summaries,
// reports and articles, tags the legal entities in them, and serves a
// faceted full-text search over them. Run `lexsearch help` for the
// subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"syscall"

	"lexsearch/search"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	stopProfile := startProfile(os.Args[1:])
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stopProfile()
	writeMemProfile(os.Args[1:])
	if err != nil && !errors.Is(err, errHelp) {
		fmt.Fprintf(os.Stderr, "lexsearch: %v\n", err)
	}
	os.Exit(exitCode(err))
}

// startProfile writes a CPU profile of the whole run to the file named by
// LEXSEARCH_CPUPROFILE (for `make bench -profile`). Extraction workers
// inherit the variable and each writes its own profile beside it, to
// PATH.worker-PID, when it exits cleanly (a worker killed for a timeout
// or its memory budget leaves an empty file); `go tool pprof BINARY
// PATH.worker-*` adds them up.
func startProfile(args []string) (stop func()) {
	path := os.Getenv("LEXSEARCH_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	if len(args) > 0 && args[0] == workerCommand {
		path += ".worker-" + strconv.Itoa(os.Getpid())
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "lexsearch: LEXSEARCH_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// writeMemProfile writes a heap profile of the whole run (alloc_space and
// alloc_objects tell who allocates, the cost behind mallocgc and GC in a
// CPU profile) to the file named by LEXSEARCH_MEMPROFILE, in the main
// process only, as startProfile does.
func writeMemProfile(args []string) {
	path := os.Getenv("LEXSEARCH_MEMPROFILE")
	if path == "" || len(args) > 0 && args[0] == workerCommand {
		return
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "lexsearch: LEXSEARCH_MEMPROFILE: %v\n", err)
	}
}

// A usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// errHelp reports that help was printed on request: exit status 0.
var errHelp = errors.New("help requested")

func exitCode(err error) int {
	var ue *usageError
	var re *search.RequestError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.As(err, &ue), errors.As(err, &re):
		return 2
	}
	return 1
}

// env is what a subcommand gets of the process: arguments, environment
// and standard streams, all injectable so tests run the whole program.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// A command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve the search API over HTTP (indexes the embedded sample corpus first if -data has no index)", runServe},
		{"ingest", "add files or folders to the index (PDF, HTML, text, Markdown)", runIngest},
		{"search", "run one search and print the hits and facets", runSearch},
		{"extract", "print the clean text of one file with page markers, and its metadata", runExtract},
		{"tag", "print the legal entities found in one file or standard input", runTag},
		{"cite", "list the citations and statutes of a text with the indexed documents that are or cite them", runCite},
		{"gen", "write a synthetic corpus of legal documents for benchmarks (-docs N -seed S -out DIR)", runGen},
		{"version", "print the version", runVersion},
		{"help", "list the subcommands", nil},
	}
}

// run is the whole program, with the process's parts passed in.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printHelp(stderr)
		return usagef("no subcommand given")
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && name == "help" {
			// `help search` is `search -h`: the flags of that subcommand.
			for _, c := range commands() {
				if c.name == args[1] && c.run != nil {
					return c.run(ctx, env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stdout}, []string{"-h"})
				}
			}
			printHelp(stderr)
			return usagef("help: unknown subcommand %q", args[1])
		}
		printHelp(stdout)
		return nil
	case "-version", "--version", "-v":
		return runVersion(ctx, e, nil)
	}
	if name == workerCommand {
		return runExtractWorker(ctx, e, args[1:])
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, e, args[1:])
		}
	}
	printHelp(stderr)
	return usagef("unknown subcommand %q", name)
}

func printHelp(w io.Writer) {
	fmt.Fprintf(w, "lexsearch: full-text search over online sex-trafficking law\n\nUsage: lexsearch <subcommand> [flags] [args]\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun `lexsearch <subcommand> -h` for its flags. Every flag also reads an environment\n"+
		"variable LEXSEARCH_<FLAG> (LEXSEARCH_ADDR, LEXSEARCH_DATA, LEXSEARCH_COURT, ...); flags win.\n"+
		"Logs are text on stderr; LEXSEARCH_LOG_FORMAT=json makes them JSON lines.\n")
}
