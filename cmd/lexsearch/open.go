package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"

	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/search"
)

// openSearch opens the index in dataDir for searching; the caller calls
// the returned close when done. When there is no index it first indexes
// the embedded sample corpus, so a fresh checkout has something to search.
func openSearch(ctx context.Context, e env, logger *slog.Logger, dataDir string) (*search.Index, func() error, error) {
	bidx, err := openIndex(ctx, e, logger, dataDir)
	if err != nil {
		return nil, nil, err
	}
	idx, err := search.New(bidx)
	if err != nil {
		bidx.Close()
		return nil, nil, err
	}
	return idx, bidx.Close, nil
}

// openIndex opens the bleve index in dataDir, indexing the sample corpus
// first when there is none.
func openIndex(ctx context.Context, e env, logger *slog.Logger, dataDir string) (bleve.Index, error) {
	dir := filepath.Join(dataDir, indexer.IndexDir)
	idx, err := indexer.OpenIndex(dir)
	if !errors.Is(err, indexer.ErrNoIndex) {
		return idx, err
	}
	fmt.Fprintf(e.stderr, "no index in %s yet: indexing the embedded sample corpus\n", dataDir)
	ix := indexer.New(logger, workerOptions(logger, indexer.Options{Progress: progress(e, "indexing")}))
	defer ix.Close()
	stats, err := ix.Ingest(ctx, dataDir, []indexer.Input{{FS: corpus.Docs()}}, indexer.Mode{Rebuild: true})
	if err != nil {
		return nil, fmt.Errorf("index the sample corpus: %w", err)
	}
	printSummary(e.stderr, stats)
	return indexer.OpenIndex(dir)
}
