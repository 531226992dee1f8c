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
	"time"

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
//
// Writes are group-committed: while one batch is being made durable, the
// documents that arrive queue up and go into the next batch together, so
// many clients uploading at once share each commit's fsync instead of
// waiting for one each.
type Live struct {
	ix      *Indexer
	idx     bleve.Index
	dataDir string

	// OnCommit, when set, is told how long each batch took to write and
	// persist, and how many documents it held (for /metrics).
	OnCommit func(took time.Duration, docs int)

	commitMu sync.Mutex // held while a batch or a delete is written

	qmu        sync.Mutex
	queue      []*pendingAdd
	committing bool // a leader is writing batches; queued adds wait for it
}

// pendingAdd is one prepared document waiting for a commit.
type pendingAdd struct {
	doc    *corpus.Document
	fields map[string]any
	data   []byte
	status string
	err    error
	done   chan struct{}
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
	old, err := os.ReadFile(kept)
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
	p := &pendingAdd{doc: doc, fields: fields, data: data, done: make(chan struct{})}
	l.commit(p)
	if p.err != nil {
		return res, p.err
	}
	res.Status, res.Title = p.status, doc.Title
	return res, nil
}

// commit queues p and returns once it is written. The first caller to
// find no commit running becomes the leader and writes batches until the
// queue is empty; the others wait for their document's batch.
func (l *Live) commit(p *pendingAdd) {
	l.qmu.Lock()
	l.queue = append(l.queue, p)
	if l.committing {
		l.qmu.Unlock()
		<-p.done
		return
	}
	l.committing = true
	for len(l.queue) > 0 {
		batch := l.queue
		l.queue = nil
		l.qmu.Unlock()
		l.writeBatch(batch)
		l.qmu.Lock()
	}
	l.committing = false
	l.qmu.Unlock()
}

// writeBatch keeps the originals and indexes the documents in one bleve
// batch, which returns once the batch is persisted.
func (l *Live) writeBatch(adds []*pendingAdd) {
	l.commitMu.Lock()
	defer l.commitMu.Unlock()
	defer func() {
		for _, p := range adds {
			close(p.done)
		}
	}()
	batch := l.idx.NewBatch()
	inBatch := map[string]bool{}
	for _, p := range adds {
		p.status = "created"
		if d, err := l.idx.Document(p.doc.ID); inBatch[p.doc.ID] || err == nil && d != nil {
			p.status = "replaced"
		}
		if p.err = keep(l.dataDir, p.doc, p.data); p.err != nil {
			p.err = fmt.Errorf("keep %s: %w", p.doc.Source, p.err)
			continue
		}
		if p.err = batch.Index(p.doc.ID, p.fields); p.err != nil {
			p.err = fmt.Errorf("index %s: %w", p.doc.Source, p.err)
			continue
		}
		inBatch[p.doc.ID] = true
	}
	start := time.Now()
	err := l.idx.Batch(batch)
	if l.OnCommit != nil && err == nil {
		l.OnCommit(time.Since(start), batch.Size())
	}
	if err != nil {
		for _, p := range adds {
			if p.err == nil {
				p.err = fmt.Errorf("commit: %w", err)
			}
		}
	}
}

// Delete removes a document and what the data directory keeps of it. An
// unknown id is an error wrapping fs.ErrNotExist.
func (l *Live) Delete(_ context.Context, id string) error {
	l.commitMu.Lock()
	defer l.commitMu.Unlock()
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
