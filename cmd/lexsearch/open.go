package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/indexer/store"
	"lexsearch/search"
)

// opened is a data directory open for searching, and for writing: its
// lock is held until Close.
type opened struct {
	idx   *search.Index
	store *store.Store
	ix    *indexer.Indexer // prepares documents for live writes (indexer.NewLive)
}

func (o *opened) Close() error {
	err := o.store.Close()
	o.ix.Close()
	return err
}

// openSearch opens the index in dataDir for searching (holding the data
// directory's lock); the caller calls the returned close when done. When
// there is no index it first indexes the embedded sample corpus, so a
// fresh checkout has something to search.
func openSearch(ctx context.Context, e env, logger *slog.Logger, dataDir string) (*search.Index, func() error, error) {
	o, err := openData(ctx, e, logger, dataDir, "search")
	if err != nil {
		return nil, nil, err
	}
	return o.idx, o.Close, nil
}

// openData opens the data directory dataDir, taking its lock for
// command; the caller closes the result when done. When the directory has
// never been written to, it first indexes the embedded sample corpus.
func openData(ctx context.Context, e env, logger *slog.Logger, dataDir, command string) (*opened, error) {
	_, err := os.Stat(filepath.Join(dataDir, "CURRENT"))
	fresh := errors.Is(err, os.ErrNotExist)
	ix := indexer.New(logger, workerOptions(logger, indexer.Options{
		Progress: progress(e, "indexing"),
		Command:  command,
		Fault:    faultHook(e.getenv, e.stderr),
	}))
	s, err := ix.Open(ctx, dataDir)
	if err != nil {
		ix.Close()
		return nil, err
	}
	o := &opened{store: s, ix: ix}
	if fresh && s.Len() == 0 {
		fmt.Fprintf(e.stderr, "no index in %s yet: indexing the embedded sample corpus\n", dataDir)
		stats, err := ix.IngestInto(ctx, s, []indexer.Input{{FS: corpus.Docs()}}, indexer.Mode{})
		if err != nil {
			o.Close()
			return nil, fmt.Errorf("index the sample corpus: %w", err)
		}
		printSummary(e.stderr, stats)
	}
	if o.idx, err = search.New(s.Index()); err != nil {
		o.Close()
		return nil, err
	}
	o.idx.ReadPagesFrom(loggedPages(logger, ix.PageTexts(s))) // the index does not store the text
	return o, nil
}

// loggedPages is src, logging the documents whose kept text it cannot
// read: a search shows their hits without snippets rather than fail, so
// the log is where whoever runs the server learns of a damaged pack. A
// document deleted since the search found it is no damage, and a search
// given up is none either.
func loggedPages(logger *slog.Logger, src search.PageSource) search.PageSource {
	return func(ctx context.Context, id string) ([]string, error) {
		pages, err := src(ctx, id)
		if err != nil && !errors.Is(err, fs.ErrNotExist) && ctx.Err() == nil {
			logger.WarnContext(ctx, "a document's kept text is unreadable: its hits show no snippets", "id", id, "err", err)
		}
		return pages, err
	}
}
