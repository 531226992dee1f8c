package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"

	"lexsearch/corpus"

	"lexsearch/indexer/store"
)

// Added is what became of one file given to a Live writer.
type Added struct {
	ID     string
	Status string // created, replaced, unchanged or skipped
	Reason string // why it was skipped (a SkipReason)
	Title  string
}

// A Live writer adds and deletes documents in a data directory a running
// server owns. Each call returns once its change is committed: durable,
// and seen by every search that starts after. Searches keep answering
// while it writes. It is safe for concurrent use; writes are serialised
// by the store.
type Live struct {
	ix *Indexer
	s  *store.Store
}

// NewLive returns a writer into s, which the caller keeps and closes.
func NewLive(ix *Indexer, s *store.Store) *Live { return &Live{ix: ix, s: s} }

// Add indexes data as the file name (its source: the same name with other
// content replaces the old document; the same content under another name
// is the same document). The format is sniffed from the content, the name
// only hints it. A file that cannot be indexed is Status "skipped" with
// its Reason, not an error; errors are failures of the data directory.
func (l *Live) Add(ctx context.Context, name string, data []byte) (Added, error) {
	if int64(len(data)) > l.ix.opts.MaxBytes {
		return Added{Status: StatusSkipped, Reason: string(SkipTooLarge)}, nil
	}
	p := path.Clean("/" + name)[1:]
	if p == "" {
		p = "upload"
	}
	out := outcome{job: job{src: corpus.Source{Path: p, Format: corpus.FormatOf(p)}, key: name}, data: data}
	if out.src.Format == "" {
		out.src.Format = corpus.FormatText // the content decides; see corpus.Sniff
	}
	ctx2, cancel := l.ix.fileContext(ctx)
	l.ix.prepareData(ctx2, l.s, &out)
	cancel()
	if out.err != nil {
		if ctx.Err() != nil {
			return Added{}, ctx.Err()
		}
		if errors.Is(out.err, errNoWorker) {
			return Added{}, out.err
		}
		return Added{ID: out.id, Status: StatusSkipped, Reason: string(ReasonFor(out.err))}, nil
	}
	a := Added{ID: out.id, Status: out.status, Title: out.title}
	if out.status == StatusUnchanged {
		a.Title = l.title(ctx, out.id)
		return a, nil
	}
	b := &store.Batch{}
	if out.fields == nil {
		b.AddSource(out.id, out.key)
		a.Title = l.title(ctx, out.id)
		if out.status == StatusCreated {
			a.Status = StatusUnchanged // the document was already there, under another name
		}
	} else {
		b.Add(out.id, out.sha, p, out.key, out.data, out.prepared, out.fields)
	}
	if err := l.s.Commit(ctx, b); err != nil {
		if errors.Is(err, store.ErrCollision) {
			return Added{ID: out.id, Status: StatusSkipped, Reason: string(SkipCollision)}, nil
		}
		return Added{}, fmt.Errorf("add %s: %w", name, err)
	}
	return a, nil
}

// title is the title of a kept document, from its prepared text.
func (l *Live) title(ctx context.Context, id string) string {
	data, err := l.s.Prepared(id)
	if err != nil {
		return ""
	}
	var p struct {
		Doc struct {
			Title string `json:"title"`
		} `json:"doc"`
	}
	if json.Unmarshal(data, &p) != nil {
		return ""
	}
	return p.Doc.Title
}

// Delete deletes a document with every source of it. An unknown id is an
// error wrapping fs.ErrNotExist.
func (l *Live) Delete(ctx context.Context, id string) error {
	if _, ok := l.s.Entry(id); !ok {
		return fmt.Errorf("document %s: %w", id, fs.ErrNotExist)
	}
	b := &store.Batch{}
	b.Delete(id)
	return l.s.Commit(ctx, b)
}
