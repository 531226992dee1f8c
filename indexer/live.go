package indexer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2"

	"lexsearch/corpus"
)

// A Live writes single documents into an index a server holds open, so
// files can be added and removed while searches run. It is the interim
// writer behind POST and DELETE /documents until the data directory's
// store (generations, commits) takes that job; its behaviour is the
// contract the store keeps: a file's id comes from its name, the same
// bytes again are unchanged, new bytes replace, and Add returns once the
// document is searchable.
type Live struct {
	ix      *Indexer
	idx     bleve.Index
	dataDir string
	mu      sync.Mutex // one write at a time: status checks and writes must not interleave
}

// LiveResult is the outcome of one Live.Add. Status is created, replaced,
// unchanged or skipped; Reason says why a file was skipped.
type LiveResult struct {
	ID, Status, Title string
	Reason            SkipReason
	Err               error // the skip's cause, for logs
}

// Live returns a writer into idx, the open index of dataDir.
func (ix *Indexer) Live(idx bleve.Index, dataDir string) *Live {
	return &Live{ix: ix, idx: idx, dataDir: dataDir}
}

// Add prepares the file and indexes it.
func (l *Live) Add(ctx context.Context, name string, data []byte) (LiveResult, error) {
	name = path.Base(name)
	src := corpus.Source{ID: corpus.SourceID(name), Path: name, Format: corpus.FormatOf(name)}
	res := LiveResult{ID: src.ID}
	if int64(len(data)) > l.ix.opts.MaxBytes {
		res.Status, res.Reason = "skipped", SkipTooLarge
		return res, nil
	}
	kept := filepath.Join(l.dataDir, OriginalsDir, src.ID, name)
	l.mu.Lock()
	old, err := os.ReadFile(kept)
	l.mu.Unlock()
	if err == nil && bytes.Equal(old, data) {
		if doc, err := l.idx.Document(src.ID); err == nil && doc != nil {
			res.Status = "unchanged"
			return res, nil
		}
	}
	if src.Format == "" {
		// The name says nothing; the content may still be a PDF or HTML.
		src.Format = corpus.Sniff(corpus.FormatText, data)
	}
	pctx, cancel := context.WithTimeout(ctx, l.ix.opts.FileTimeout)
	doc, err := l.ix.Prepare(pctx, src, data)
	cancel()
	if err != nil {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		res.Status, res.Reason, res.Err = "skipped", ReasonFor(err), err
		return res, nil
	}
	fields, err := indexable(doc)
	if err != nil {
		return res, fmt.Errorf("index %s: %w", name, err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	res.Status = "created"
	if d, err := l.idx.Document(src.ID); err == nil && d != nil {
		res.Status = "replaced"
	}
	if err := keep(l.dataDir, doc, data); err != nil {
		return res, fmt.Errorf("keep %s: %w", name, err)
	}
	if err := l.idx.Index(src.ID, fields); err != nil {
		return res, fmt.Errorf("index %s: %w", name, err)
	}
	res.Title = doc.Title
	return res, nil
}

// Delete removes a document and what the data directory keeps of it. An
// unknown id is an error wrapping fs.ErrNotExist.
func (l *Live) Delete(_ context.Context, id string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	doc, err := l.idx.Document(id)
	if err != nil {
		return fmt.Errorf("delete %s: %w", id, err)
	}
	if doc == nil {
		return fmt.Errorf("delete %s: %w", id, fs.ErrNotExist)
	}
	if err := l.idx.Delete(id); err != nil {
		return fmt.Errorf("delete %s: %w", id, err)
	}
	if err := forget(l.dataDir, id); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete %s: %w", id, err)
	}
	return nil
}
