package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"lexsearch/indexer"
)

func runIngest(ctx context.Context, e env, args []string) error {
	fs := newFlags("ingest", "PATH...", e)
	data := dataFlag(fs)
	rebuild := fs.Bool("rebuild", false, "first rebuild the whole index from the documents -data keeps (their prepared text; no extraction), then ingest PATHs if any")
	prune := fs.Bool("prune", false, "drop documents whose files are gone: not found under a PATH folder this run, or no longer on disk")
	workers := fs.Int("workers", 0, "files extracted in parallel, each in a worker process (default: one per CPU); with -server, uploads at once (default 4)")
	shards := fs.Int("shards", 0, "index shards of a new data directory or a rebuild, each written by its own goroutine (default: one per CPU)")
	batch := byteSize(0)
	fs.Var(&batch, "batch-bytes", "text per index batch (default 8MiB): what is held in memory, and committed at once")
	server := fs.String("server", "", "send the files to the lexsearch server at this URL (POST /documents) instead of opening -data, which the server owns")
	tokenFile := fs.String("token-file", "", "with -server: file holding the server's write token (or set LEXSEARCH_TOKEN)")
	fileTimeout, fileMemory := isolationFlags(fs)
	engine, ocr := pdfFlags(fs)
	paths, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if err := checkPDFFlags(*engine, *ocr); err != nil {
		return err
	}
	if len(paths) == 0 && !*rebuild {
		fs.Usage()
		return usagef("ingest: name at least one file or folder (or -rebuild alone, to rebuild from what -data keeps)")
	}
	if *server != "" {
		if *rebuild || *prune {
			return usagef("ingest -server adds and replaces files; -rebuild and -prune work on a data directory, with the server stopped")
		}
		if len(paths) == 0 {
			return usagef("ingest -server: name at least one file or folder")
		}
		token, err := readToken(e, *tokenFile)
		if err != nil {
			return err
		}
		n := *workers
		if n <= 0 {
			n = 4 // the server extracts; more uploads at once only queue there
		}
		return ingestRemote(ctx, e, *server, token, n, paths)
	}
	if *shards < 0 {
		return usagef("ingest: -shards %d: use a positive number, or 0 for one per CPU", *shards)
	}
	inputs := make([]indexer.Input, 0, len(paths))
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return usagef("ingest: %v", err)
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real // one canonical path per file, however it was named
		}
		st, err := os.Stat(abs)
		if err != nil {
			return usagef("ingest: %v", err)
		}
		if st.IsDir() {
			inputs = append(inputs, indexer.Input{FS: os.DirFS(abs), Root: abs})
		} else {
			dir := filepath.Dir(abs)
			inputs = append(inputs, indexer.Input{FS: os.DirFS(dir), Root: dir, Paths: []string{filepath.Base(abs)}})
		}
	}
	tuneIngestGC(e.getenv)
	logger := newLogger(e, e.stderr)
	ix := indexer.New(logger, workerOptions(logger, indexer.Options{
		Workers:     *workers,
		Shards:      *shards,
		BatchBytes:  int(batch),
		FileTimeout: *fileTimeout,
		FileMemory:  int64(*fileMemory),
		PDFEngine:   *engine,
		OCR:         *ocr,
		Progress:    progress(e, "ingesting"),
		Command:     "ingest",
		Fault:       faultHook(e.getenv, e.stderr),
	}))
	defer ix.Close()
	stats, err := ix.Ingest(ctx, *data, inputs, indexer.Mode{Rebuild: *rebuild, Prune: *prune})
	if le, ok := servingHolder(err); ok && le.URL != "" {
		return err // it names the server's URL and the command to use
	}
	if errors.Is(err, indexer.ErrIndexInUse) {
		return fmt.Errorf("%w\n(to add files while the server runs, send them to it: lexsearch ingest -server http://ADDR PATH...)", err)
	}
	if err != nil {
		return err
	}
	printSummary(e.stdout, stats)
	if stats.Indexed == 0 && len(stats.Skipped) > 0 && stats.Unchanged == 0 && stats.Duplicates == 0 {
		return fmt.Errorf("ingest: no file could be indexed")
	}
	return nil
}

// tuneIngestGC lets the heap of an ingest grow further between garbage
// collections: tagging and bleve's analysis allocate briskly, and at Go's
// default (GOGC=100) the collector took a tenth of ingest's CPU. GOGC=400
// under a soft limit (the collector works harder as the heap nears it, so
// peak memory stays bounded whatever the collection's size) measured 15%
// less CPU per document over 3,000 generated documents (GOGC=200: 9%).
// The limit is reached on a large collection, where bleve's merges map
// segment files beside the heap: ../shared/lexperf's 100,000 documents
// peaked at 1,019 MB of heap and 1,340 MB in all under 1 GiB, against
// 795 and 1,265 MB under ingestMemoryLimit, in the same wall time (147 s
// both). The limit, not GOGC, sets the pace: the heap left after a
// collection is some 250 MB, so GOGC=400 would let it grow past the
// limit. A higher limit buys little: 20,000 lexperf documents, side by
// side, took 74.0 s of CPU under 800 MiB and 74.1 s under 1,000 MiB
// (the collector's background marking 1.97 s and 1.86 s), and peaked
// at 1,278 and 1,440 MB. A lower one costs little too: two pairs of
// 20,000-document runs side by side, 700 against 800 MiB, took 116.4 s
// and 115.9 s of CPU (54 and 48 collections a run) and peaked at
// 1,100-1,249 MB against 1,112-1,344 MB; CPU is flat across 700-1,000
// MiB while peak memory follows the limit, so the limit is the margin to
// spend on memory elsewhere. Reusing the analysis's arrays across
// batches cut 12-20% of the bytes allocated but no CPU (cachegrind, 2,000
// documents under a proportionate limit: the same instructions, more
// when the term maps were reused too):
// under a limit, bytes kept for reuse are bytes the collector no longer
// has to spare. GOGC and GOMEMLIMIT in the environment win.
func tuneIngestGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ingestMemoryLimit)
	}
}

// ingestMemoryLimit is ingest's soft memory limit (see tuneIngestGC).
const ingestMemoryLimit = 800 << 20
