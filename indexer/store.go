package indexer

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"lexsearch/corpus"
	"lexsearch/indexer/store"
)

// Folders of kept files in a data directory (see package store).
const (
	OriginalsDir = store.OriginalsDir
	TextDir      = store.TextDir
)

// ErrIndexInUse reports that another process writes to the data
// directory; the error wrapping it names the process.
var ErrIndexInUse = store.ErrLocked

// ErrNoIndex reports a data directory without an index.
var ErrNoIndex = errors.New("no index in the data directory; run `lexsearch ingest` first")

// PrepareVersion is the version of the prepared text kept in a data
// directory. Raise it when extraction, tagging or the Document change in
// a way old prepared text does not reflect: a rebuild then prepares every
// document again from its original.
const PrepareVersion = 1

// Open opens (creating it if needed) the data directory dataDir, taking
// its lock until the Store is closed.
func (ix *Indexer) Open(ctx context.Context, dataDir string) (*store.Store, error) {
	return ix.open(ctx, dataDir, false)
}

// open is Open; bulk opens the store for one large write (Ingest): see
// store.Options.Bulk.
func (ix *Indexer) open(ctx context.Context, dataDir string, bulk bool) (*store.Store, error) {
	s, err := ix.openStore(ctx, dataDir, bulk)
	if err != nil {
		return nil, err
	}
	if _, serr := os.Stat(filepath.Join(dataDir, oldLayoutDir)); serr == nil {
		if err := ix.importOld(ctx, s); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

func (ix *Indexer) openStore(ctx context.Context, dataDir string, bulk bool) (*store.Store, error) {
	return store.Open(ctx, dataDir, store.Options{
		Bulk:       bulk,
		Command:    "lexsearch " + cmp.Or(ix.opts.Command, "ingest"),
		Shards:     max(ix.opts.Shards, 1), // see shardsFor
		BatchBytes: ix.opts.BatchBytes,
		Mapping:    func() (mapping.IndexMapping, error) { return Mapping() },
		Fields:     ix.keptFields,
		Fault:      ix.opts.Fault,
		Logger:     ix.logger,
		// A data directory from before the store: its parts are moved
		// aside and its documents imported (prepared again, under their
		// old source names).
		MoveOldLayout: upgrade,
	})
}

// manyDocuments is the size from which an index is split into shards
// (unless Options.Shards says otherwise). Scores use each shard's own
// term statistics: over thousands of documents routed at random they
// agree with the whole's, over a handful they do not, and a small corpus
// gains nothing from parallel writes anyway.
const manyDocuments = 2000

// shardsFor is the number of shards for an index of about n documents.
func (ix *Indexer) shardsFor(n int) int {
	switch {
	case ix.opts.Shards > 0:
		return ix.opts.Shards
	case n >= manyDocuments:
		return runtime.GOMAXPROCS(0)
	}
	return 1
}

// OpenIndex opens the data directory dataDir for searching and returns
// its shards as one index; closing it closes the directory and releases
// its lock. It fails with ErrNoIndex when nothing was ever ingested there,
// and with an error wrapping ErrIndexInUse when another process writes to
// it.
func OpenIndex(dataDir string) (bleve.Index, error) {
	if _, err := os.Stat(filepath.Join(dataDir, "CURRENT")); errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoIndex
	}
	ix := New(slog.New(slog.DiscardHandler), Options{Command: "search"})
	s, err := ix.Open(context.Background(), dataDir)
	if err != nil {
		return nil, err
	}
	return ix.StoreIndex(s), nil
}

// StoreIndex returns the shards of s as one index whose Close closes s,
// and which hands search the documents' pages (PageTexts).
func (ix *Indexer) StoreIndex(s *store.Store) bleve.Index {
	return closingIndex{s.Index(), s, ix.PageTexts(s)}
}

// bleveIndex lets closingIndex embed bleve.Index, whose method Index
// would clash with the field name.
type bleveIndex = bleve.Index

type closingIndex struct {
	bleveIndex
	s     *store.Store
	pages func(ctx context.Context, id string) ([]string, error)
}

func (c closingIndex) Close() error { return c.s.Close() }

// Originals serves the kept originals as <id>/<name> (api.Config).
func (c closingIndex) Originals() fs.FS { return c.s.Originals() }

// ShardIndexes returns the shards behind the index (see search.New).
func (c closingIndex) ShardIndexes() []bleve.Index { return c.s.ShardIndexes() }

// PageTexts returns a document's pages as indexed (see search.New).
func (c closingIndex) PageTexts(ctx context.Context, id string) ([]string, error) {
	return c.pages(ctx, id)
}

// prepared is what a data directory keeps of a prepared document.
type prepared struct {
	Version int              `json:"v"`
	Doc     *corpus.Document `json:"doc"`
}

// marshalPrepared returns json.Marshal(prepared{PrepareVersion, doc});
// ents, when not nil, is appendEntities of doc.Entities (see
// appendPrepared).
func marshalPrepared(doc *corpus.Document, ents []byte) []byte {
	n := len(ents) + 512
	for _, p := range doc.Pages {
		n += len(p.Text) + len(p.Text)/16 // room for a few escapes
	}
	return appendPrepared(make([]byte, 0, n), doc, ents)
}

// keptFields returns what to index for a kept document: from its prepared
// text, or, when that is of another PrepareVersion, from its original
// prepared again.
func (ix *Indexer) keptFields(ctx context.Context, s *store.Store, e store.Entry) (any, int, error) {
	data, err := s.Prepared(e.ID)
	if err != nil {
		return nil, 0, err
	}
	doc, err := ix.keptDocument(ctx, s, e, data)
	if err != nil {
		return nil, 0, err
	}
	fields, err := ix.indexable(doc)
	return fields, len(data), err
}

// keptDocument decodes a document's kept prepared text, data; when that
// is of another PrepareVersion, the document is prepared again from its
// original, as a rebuild indexes it.
func (ix *Indexer) keptDocument(ctx context.Context, s *store.Store, e store.Entry, data []byte) (*corpus.Document, error) {
	var p prepared
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("kept text of %s: %w", e.ID, err)
	}
	if p.Version != PrepareVersion || p.Doc == nil {
		orig, err := s.Original(e.ID)
		if err != nil {
			return nil, err
		}
		src := corpus.Source{ID: e.ID, Path: e.Name, Format: corpus.FormatOf(e.Name)}
		if p.Doc != nil {
			src.Path = p.Doc.Source
		}
		if p.Doc, err = ix.Prepare(ctx, src, orig); err != nil {
			return nil, fmt.Errorf("prepare %s again: %w", e.Name, err)
		}
	}
	p.Doc.ID = e.ID
	return p.Doc, nil
}

// PageTexts returns what search reads documents' text from (the index
// does not store it): a document's pages in order, from its kept
// prepared text in s, as far as they are indexed (capPages), so snippets
// and the document's text are the indexed text, byte for byte. A
// document that is not in s is an error wrapping fs.ErrNotExist.
func (ix *Indexer) PageTexts(s *store.Store) func(ctx context.Context, id string) ([]string, error) {
	return func(ctx context.Context, id string) ([]string, error) {
		// The pages are copied out of the text: its buffer is reused.
		buf := preparedBufs.Get().(*[]byte)
		defer preparedBufs.Put(buf)
		data, err := s.AppendPrepared((*buf)[:0], id)
		if cap(data) <= maxPooledText {
			*buf = data
		}
		if err != nil {
			if _, ok := s.Entry(id); !ok {
				return nil, fmt.Errorf("document %s: %w", id, fs.ErrNotExist) // deleted
			}
			// A kept document whose text cannot be read (a pack gone or
			// cut short) is not a missing document.
			return nil, fmt.Errorf("kept text of %s: %v", id, err)
		}
		v, hasDoc, pages, err := preparedPages(data)
		if err != nil {
			return nil, fmt.Errorf("kept text of %s: %w", id, err)
		}
		if v != PrepareVersion || !hasDoc {
			// Indexed from its original prepared again: so is its text.
			e, ok := s.Entry(id)
			if !ok {
				return nil, fmt.Errorf("document %s: %w", id, fs.ErrNotExist)
			}
			doc, err := ix.keptDocument(ctx, s, e, data)
			if err != nil {
				return nil, err
			}
			pages = doc.Pages
		}
		return pagesText(capPages(pages, ix.opts.MaxIndexedBytes)), nil
	}
}

// preparedBufs holds the buffers PageTexts reads kept text into.
var preparedBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledText is the largest buffer PageTexts keeps for reuse: an
// exhibit's text is read into one of its own, not held on to.
const maxPooledText = 4 << 20

// indexable is what bleve indexes of a document: the fields of the
// mapping, plus the stored metadata and entities that search hands back
// unchanged. The body is indexed up to Options.MaxIndexedBytes; past that,
// pages are dropped (and a page longer than the rest of the budget cut),
// so the cost of analysing and searching one document is bounded whatever
// its size.
func (ix *Indexer) indexable(doc *corpus.Document) (*bleveDoc, error) {
	return ix.indexableEnts(doc, nil)
}

// indexableEnts is indexable; ents, when not nil, is appendEntities of
// doc.Entities, already encoded for the prepared text.
func (ix *Indexer) indexableEnts(doc *corpus.Document, ents []byte) (*bleveDoc, error) {
	spec, err := ix.specs()
	if err != nil {
		return nil, err
	}
	meta := *doc
	meta.Pages, meta.Entities = nil, nil
	meta.PageNumbers = make([]int, len(doc.Pages))
	for i, p := range doc.Pages {
		meta.PageNumbers[i] = p.Number
	}
	metaJSON := appendDocument(nil, &meta, nil)
	pages := capPages(doc.Pages, ix.opts.MaxIndexedBytes)
	if len(pages) < len(doc.Pages) || len(pages) > 0 && len(pages[len(pages)-1].Text) < len(doc.Pages[len(pages)-1].Text) {
		ents = entitiesJSON(entitiesWithin(doc.Entities, pages))
	} else if ents == nil {
		ents = entitiesJSON(doc.Entities)
	}
	var bounds corpus.Bounds
	body := make([]string, len(pages))
	for i, p := range pages {
		s, para := segment(p.Text)
		bounds.Sentences = append(bounds.Sentences, s)
		bounds.Paragraphs = append(bounds.Paragraphs, para)
		body[i] = p.Text
	}
	boundsJSON := appendBounds(nil, bounds)
	d := &bleveDoc{
		spec:  spec,
		title: doc.Title, body: body, source: doc.Source, typ: doc.Type,
		court: doc.Court, docket: doc.Docket, year: doc.Year, lang: doc.Lang,
		statutes: doc.Statutes, citations: doc.Citations, parties: doc.Parties, judges: doc.Judges,
		meta: metaJSON, entities: ents, bounds: boundsJSON,
	}
	if doc.Date != "" {
		if d.date, err = time.Parse(time.DateOnly, doc.Date); err != nil {
			return nil, err
		}
		d.hasDate = true
	}
	return d, nil
}

// capPages returns the pages whose text fits in limit bytes, the last one
// cut at a character boundary if need be.
func capPages(pages []corpus.Page, limit int) []corpus.Page {
	total := 0
	for i, p := range pages {
		if total+len(p.Text) <= limit {
			total += len(p.Text)
			continue
		}
		out := pages[:i:i]
		if rest := limit - total; rest > 0 {
			cut := rest
			for cut > 0 && !utf8.RuneStart(p.Text[cut]) {
				cut--
			}
			out = append(out, corpus.Page{Number: p.Number, Text: p.Text[:cut]})
		}
		return out
	}
	return pages
}

// entitiesWithin keeps the mentions that lie in the indexed text.
func entitiesWithin(ents []corpus.Entity, pages []corpus.Page) []corpus.Entity {
	limit := map[int]int{}
	for _, p := range pages {
		limit[p.Number] = len(p.Text)
	}
	var out []corpus.Entity
	for _, e := range ents {
		if n, ok := limit[e.Page]; ok && e.End <= n {
			out = append(out, e)
		}
	}
	return out
}
