package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
	"lexsearch/search/facet"
)

// An Index searches an open bleve index built by package indexer, in one
// or several shards.
type Index struct {
	idx      bleve.Index // the one shard, or an alias that searches all in parallel
	shards   []bleve.Index
	ords     *facet.Ordinals
	analyzer analysis.Analyzer
	now      func() time.Time
	checks   *checkCache // nil: phrase and proximity decisions are not remembered
	flights  *flights    // nil: identical searches at once each run
	walkAll  bool        // tests: no filter-only or all-words shortcut, to compare with the general walk
	pages    PageSource  // nil: documents' text only from a stored body
}

// A PageSource returns a document's pages, in order, as they were
// indexed: the text snippets are cut from and a document's text is shown
// from, where the index does not store it. A document it does not have
// is an error wrapping fs.ErrNotExist.
type PageSource func(ctx context.Context, id string) ([]string, error)

// ReadPagesFrom makes the index read documents' text from src wherever
// the index holds no stored body (one written by an older version does,
// and is read as before). Call it before the first search. New does it
// for an index that has a PageTexts method, as indexer.OpenIndex's has.
func (ix *Index) ReadPagesFrom(src PageSource) {
	ix.pages = src
}

// CacheChecks makes searches remember, per index segment, which documents
// each phrase and proximity query kept, in at most maxBytes (0: off, the
// default): asking again costs a bit lookup per document instead of
// reading the words' positions. Totals and hits are the same either way.
// Call it before the first search.
func (ix *Index) CacheChecks(maxBytes int64) {
	ix.checks = newCheckCache(maxBytes)
}

// idField is the field bleve keeps each document's id in.
const idField = "_id"

// New wraps an open bleve index, given as one or more shards: indexes
// with the same mapping, each document in exactly one. Several shards are
// searched in parallel (through a bleve index alias), with totals, facets
// and the top hits merged exactly. The caller keeps ownership of the
// shards and closes them after the last search.
func New(shards ...bleve.Index) (*Index, error) {
	var pages PageSource
	if len(shards) == 1 {
		if t, ok := shards[0].(interface {
			PageTexts(ctx context.Context, id string) ([]string, error)
		}); ok {
			pages = t.PageTexts
		}
	}
	// An index that is several shards seen as one (the data directory's
	// store) is searched shard by shard: facets are counted per segment.
	if len(shards) == 1 {
		if m, ok := shards[0].(interface{ ShardIndexes() []bleve.Index }); ok {
			shards = m.ShardIndexes()
		}
	}
	if len(shards) == 0 {
		return nil, errors.New("search: no index to search")
	}
	m := shards[0].Mapping()
	a := m.AnalyzerNamed(m.AnalyzerNameForPath(corpus.FieldBody))
	if a == nil {
		return nil, errors.New("search: index mapping has no analyzer for the body field")
	}
	ix := &Index{idx: shards[0], shards: shards, ords: facet.New(corpus.Facets...).WithKeys(idField, corpus.FieldDate), analyzer: a, now: time.Now, pages: pages}
	if len(shards) > 1 {
		ix.idx = bleve.NewIndexAlias(shards...)
	}
	// Number the facet values now, so the first search does not pay for it.
	if err := ix.warm(); err != nil {
		return nil, err
	}
	return ix, nil
}

// Document returns the document with the given ID, with its pages and
// entities, or corpus.ErrNotFound.
func (ix *Index) Document(ctx context.Context, id string) (*corpus.Document, error) {
	return ix.load(ctx, id, true)
}

// Metadata returns the document with the given ID with its entities and
// page numbers but not its text, which can run to megabytes, or
// corpus.ErrNotFound.
func (ix *Index) Metadata(ctx context.Context, id string) (*corpus.Document, error) {
	return ix.load(ctx, id, false)
}

func (ix *Index) load(ctx context.Context, id string, withPages bool) (*corpus.Document, error) {
	sr := bleve.NewSearchRequest(bleve.NewDocIDQuery([]string{id}))
	sr.Fields = []string{corpus.FieldMeta, corpus.FieldEntities}
	if withPages {
		sr.Fields = append(sr.Fields, corpus.FieldBody)
	}
	res, err := ix.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, corpus.ErrNotFound
	}
	doc, err := storedMeta(res.Hits[0])
	if err != nil {
		return nil, err
	}
	if ents, ok := res.Hits[0].Fields[corpus.FieldEntities].(string); ok && ents != "" {
		if err := json.Unmarshal([]byte(ents), &doc.Entities); err != nil {
			return nil, fmt.Errorf("document %s: stored entities: %w", id, err)
		}
	}
	if withPages {
		texts, stored := res.Hits[0].Fields[corpus.FieldBody]
		pages := storedPages(texts)
		if !stored && ix.pages != nil {
			if pages, err = ix.pages(ctx, id); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil, corpus.ErrNotFound // deleted since
				}
				return nil, fmt.Errorf("document %s: text: %w", id, err)
			}
		}
		for i, text := range pages {
			doc.Pages = append(doc.Pages, corpus.Page{Number: doc.PageNumber(i), Text: text})
		}
		doc.PageNumbers = nil
	}
	return doc, nil
}

// Count returns the number of indexed documents.
func (ix *Index) Count() (uint64, error) { return ix.idx.DocCount() }

// analyze returns the indexed terms of s, as the body field would index it.
func (ix *Index) analyze(s string) []string {
	var out []string
	for _, t := range ix.analyzer.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

// lookup finds the indexed value of a keyword field that equals value when
// case, spacing and punctuation are ignored, so party=salesforce.com inc
// finds "Salesforce.com, Inc.".
func (ix *Index) lookup(field, value string) (string, bool) {
	want := fold(value)
	var found string
	_ = ix.terms(field, "", func(t string) bool {
		if fold(t) == want {
			found = t
			return false
		}
		return true
	})
	return found, found != ""
}

// terms calls fn with each indexed term of field that starts with prefix,
// in order, each once however many shards have it, until fn returns false.
func (ix *Index) terms(field, prefix string, fn func(string) bool) error {
	dicts := make([]index.FieldDict, 0, len(ix.shards))
	defer func() {
		for _, d := range dicts {
			d.Close()
		}
	}()
	heads := make([]*index.DictEntry, 0, len(ix.shards))
	for _, sh := range ix.shards {
		d, err := sh.FieldDictPrefix(field, []byte(prefix))
		if err != nil {
			return err
		}
		dicts = append(dicts, d)
		e, err := d.Next()
		if err != nil {
			return err
		}
		heads = append(heads, e)
	}
	for {
		// The smallest head is the next term; every dictionary that has
		// it moves on.
		var next *index.DictEntry
		for _, e := range heads {
			if e != nil && (next == nil || e.Term < next.Term) {
				next = e
			}
		}
		if next == nil {
			return nil
		}
		t := next.Term
		if !fn(t) {
			return nil
		}
		for i, e := range heads {
			if e != nil && e.Term == t {
				var err error
				if heads[i], err = dicts[i].Next(); err != nil {
					return err
				}
			}
		}
	}
}

// lookupDocket returns the indexed docket numbers that are the case
// numbered value, normalised as the tagger normalises them: "20-cv-02335",
// "No. 20-cv-02335" and "1:20-CV-2335" all find "1:20-cv-02335". A number
// without the office digit finds the case in every office; one with it,
// the case in that office or indexed without one.
func (ix *Index) lookupDocket(value string) []string {
	norm, ok := entity.NormalizeDocket(value)
	if !ok {
		return nil
	}
	office, num := splitOffice(norm)
	var out []string
	_ = ix.terms(corpus.FieldDocket, "", func(t string) bool {
		if o, n := splitOffice(t); n == num && (office == "" || o == "" || o == office) {
			out = append(out, t)
		}
		return true
	})
	return out
}

// splitOffice splits "1:20-cv-02335" into its office digit and the rest.
func splitOffice(docket string) (office, rest string) {
	if i := strings.IndexByte(docket, ':'); i > 0 && i < len(docket)-1 {
		return docket[:i], docket[i+1:]
	}
	return "", docket
}

// fold keeps only the letters and digits of s, lower-cased.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// resolveParty maps a party filter value as a person types it to the
// indexed party values it names: the value itself whatever its case and
// punctuation, its canonical form ("USA" is "United States"), or else
// every value it is the leading words of ("Twitter" for "Twitter, Inc.",
// "Salesforce" for "Salesforce.com, Inc."). A value that names none is an
// error that names the closest values.
func (ix *Index) resolveParty(value string) ([]string, error) {
	values, err := ix.fieldValues(corpus.FieldParties)
	if err != nil {
		return nil, err
	}
	want := fold(value)
	canon := fold(entity.NormalizeParty(value))
	var exact, prefix []string
	for _, v := range values {
		switch f := fold(v); {
		case f == want || canon != "" && f == canon:
			exact = append(exact, v)
		case entity.PartyMatches(value, v):
			prefix = append(prefix, v)
		}
	}
	if len(exact) > 0 {
		return exact, nil
	}
	if len(prefix) > 0 {
		return prefix, nil
	}
	msg := fmt.Sprintf("%q is not a party of any document", value)
	if s := entity.SuggestValues(value, 3, values); len(s) > 0 {
		msg += "; closest known: " + strings.Join(s, ", ")
	}
	return nil, errors.New(msg)
}

// fieldValues returns every value indexed in a keyword field, over all
// shards.
func (ix *Index) fieldValues(field string) ([]string, error) {
	var out []string
	if err := ix.terms(field, "", func(t string) bool {
		out = append(out, t)
		return true
	}); err != nil {
		return nil, fmt.Errorf("search: values of %s: %w", field, err)
	}
	return out, nil
}

// warm numbers the facet values of every segment of every shard as it
// is, the shards side by side: each shard's segments are read in
// parallel already, but a shard of one or two large segments after its
// merges would leave cores idle while the next shard waited.
func (ix *Index) warm() error {
	errs := make([]error, len(ix.shards))
	var wg sync.WaitGroup
	for i, sh := range ix.shards {
		wg.Go(func() {
			adv, err := sh.Advanced()
			if err != nil {
				errs[i] = fmt.Errorf("search: %w", err)
				return
			}
			r, err := adv.Reader()
			if err != nil {
				errs[i] = fmt.Errorf("search: %w", err)
				return
			}
			defer r.Close()
			if _, err := ix.ords.View(r); err != nil {
				errs[i] = fmt.Errorf("search: facet values: %w", err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
