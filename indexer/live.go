package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sync"

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
// while it writes. It is safe for concurrent use. Files are prepared in
// parallel, and the changes that arrive while a commit runs go together
// into the next one (group commit): the fsyncs and the index batch are
// shared, so many uploads at once cost little more than one.
type Live struct {
	ix *Indexer
	s  *store.Store

	mu         sync.Mutex
	queue      []*change
	committing bool
}

// A change waits in Live's queue for its commit.
type change struct {
	keys  []string // the sources and documents it touches: each in one change a commit
	apply func(*store.Batch)
	done  chan error
}

// NewLive returns a writer into s, which the caller keeps and closes.
func NewLive(ix *Indexer, s *store.Store) *Live { return &Live{ix: ix, s: s} }

// commit queues a change and returns once it is committed. The first
// caller to find no commit running commits everything queued, again and
// again until the queue is empty; the others wait for their result. Two
// changes to the same source or document never share a commit, so each
// commit sees the catalog as the one before left it. A group that fails is
// retried change by change, so one bad file fails alone.
func (l *Live) commit(ctx context.Context, keys []string, apply func(*store.Batch)) error {
	c := &change{keys: keys, apply: apply, done: make(chan error, 1)}
	l.mu.Lock()
	l.queue = append(l.queue, c)
	if l.committing {
		l.mu.Unlock()
		return <-c.done // a commit is bounded; its result is the answer even if the client left
	}
	l.committing = true
	for len(l.queue) > 0 {
		var group, later []*change
		keys := map[string]bool{}
		for _, q := range l.queue {
			if slices.ContainsFunc(q.keys, func(k string) bool { return keys[k] }) {
				later = append(later, q)
				continue
			}
			for _, k := range q.keys {
				keys[k] = true
			}
			group = append(group, q)
		}
		l.queue = later
		l.mu.Unlock()
		l.commitGroup(context.WithoutCancel(ctx), group)
		l.mu.Lock()
	}
	l.committing = false
	l.mu.Unlock()
	return <-c.done
}

func (l *Live) commitGroup(ctx context.Context, group []*change) {
	b := &store.Batch{}
	for _, c := range group {
		c.apply(b)
	}
	err := l.s.Commit(ctx, b)
	if err == nil || len(group) == 1 {
		for _, c := range group {
			c.done <- err
		}
		return
	}
	for _, c := range group {
		l.commitGroup(ctx, []*change{c})
	}
}

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
	var apply func(*store.Batch)
	if out.fields == nil {
		apply = func(b *store.Batch) { b.AddSource(out.id, out.key) }
		a.Title = l.title(ctx, out.id)
		if out.status == StatusCreated {
			a.Status = StatusUnchanged // the document was already there, under another name
		}
	} else {
		apply = func(b *store.Batch) { b.Add(out.id, out.sha, p, out.key, out.data, out.prepared, out.fields) }
	}
	// One commit never carries two changes to one source or one document.
	if err := l.commit(ctx, []string{"src:" + out.key, "id:" + out.id}, apply); err != nil {
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
	return l.commit(ctx, []string{"id:" + id}, func(b *store.Batch) { b.Delete(id) })
}
