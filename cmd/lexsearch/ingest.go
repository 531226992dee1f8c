package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"lexsearch/indexer"
)

func runIngest(ctx context.Context, e env, args []string) error {
	fs := newFlags("ingest", "PATH...", e)
	data := dataFlag(fs)
	rebuild := fs.Bool("rebuild", false, "build a new index from PATHs alone (or, with no PATH, from the originals -data keeps) and swap it in when complete")
	prune := fs.Bool("prune", false, "remove indexed documents that are not among PATHs")
	workers := fs.Int("workers", 0, "files extracted in parallel, each in a worker process (default: one per CPU); with -server, uploads at once (default 4)")
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
	inputs := make([]indexer.Input, 0, len(paths)+1)
	if len(paths) == 0 {
		kept, err := indexer.Kept(*data)
		if err != nil {
			return err
		}
		inputs = append(inputs, kept)
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return usagef("ingest: %v", err)
		}
		if st.IsDir() {
			inputs = append(inputs, indexer.Input{FS: os.DirFS(p)})
		} else {
			inputs = append(inputs, indexer.Input{FS: os.DirFS(filepath.Dir(p)), Paths: []string{filepath.Base(p)}})
		}
	}
	logger := newLogger(e, e.stderr)
	ix := indexer.New(logger, workerOptions(logger, indexer.Options{
		Workers:     *workers,
		FileTimeout: *fileTimeout,
		FileMemory:  int64(*fileMemory),
		PDFEngine:   *engine,
		OCR:         *ocr,
		Progress:    progress(e, "ingesting"),
	}))
	defer ix.Close()
	stats, err := ix.Ingest(ctx, *data, inputs, indexer.Mode{Rebuild: *rebuild, Prune: *prune})
	if errors.Is(err, indexer.ErrIndexInUse) {
		return fmt.Errorf("%w\n(to add files while the server runs, send them to it: lexsearch ingest -server http://ADDR PATH...)", err)
	}
	if err != nil {
		return err
	}
	printSummary(e.stdout, stats)
	if stats.Indexed == 0 && len(stats.Skipped) > 0 {
		return fmt.Errorf("ingest: no file could be indexed")
	}
	return nil
}
