package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
)

// Stored fields written by the indexer (see indexer/mapping.go): the
// document's metadata and its entities, as JSON.
const (
	fieldMeta     = "_meta"
	fieldEntities = "_entities"
)

// DefaultFacetSize is how many values each facet reports.
const DefaultFacetSize = 20

// Bounds for an open-ended date range.
var (
	minDate = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
)

// An Index searches an open bleve index built by package indexer.
type Index struct {
	idx      bleve.Index
	analyzer analysis.Analyzer
	now      func() time.Time
}

// New wraps an open bleve index. The caller keeps ownership of idx and
// closes it after the last search.
func New(idx bleve.Index) (*Index, error) {
	m := idx.Mapping()
	a := m.AnalyzerNamed(m.AnalyzerNameForPath(corpus.FieldBody))
	if a == nil {
		return nil, errors.New("search: index mapping has no analyzer for the body field")
	}
	return &Index{idx: idx, analyzer: a, now: time.Now}, nil
}

// Search runs one search. Problems with the request come back as
// *RequestError; anything else is the index's fault.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	start := ix.now()
	req, err := req.normalize()
	if err != nil {
		return nil, err
	}
	node, err := Parse(req.Q)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			return nil, &RequestError{"q", pe.Error()}
		}
		return nil, err
	}
	q, err := builder{ix}.build(node, req)
	if err != nil {
		return nil, err
	}

	sr := bleve.NewSearchRequestOptions(q, req.Size, (req.Page-1)*req.Size, false)
	sr.Fields = []string{fieldMeta, corpus.FieldBody}
	sr.IncludeLocations = true
	for _, f := range corpus.Facets {
		sr.AddFacet(f, bleve.NewFacetRequest(f, DefaultFacetSize))
	}
	switch req.Sort {
	case SortDate:
		sr.SortByCustom(bsearch.SortOrder{dateSort(false), &bsearch.SortScore{Desc: true}})
	case SortDateDesc:
		sr.SortByCustom(bsearch.SortOrder{dateSort(true), &bsearch.SortScore{Desc: true}})
	default:
		sr.SortBy([]string{"-_score", "_id"})
	}
	res, err := ix.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}

	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits)), Page: req.Page, Size: req.Size}
	for _, dm := range res.Hits {
		h, err := hit(dm)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, h)
	}
	out.Facets = facets(res.Facets)
	out.Took = ix.now().Sub(start)
	out.TookMS = math.Round(float64(out.Took.Microseconds())/10) / 100
	return out, nil
}

// dateSort orders by date; documents without one come last either way.
func dateSort(desc bool) *bsearch.SortField {
	return &bsearch.SortField{Field: corpus.FieldDate, Desc: desc, Type: bsearch.SortFieldAsDate, Missing: bsearch.SortFieldMissingLast}
}

// hit renders one bleve match.
func hit(dm *bsearch.DocumentMatch) (Hit, error) {
	var doc corpus.Document
	if s, ok := dm.Fields[fieldMeta].(string); ok {
		if err := json.Unmarshal([]byte(s), &doc); err != nil {
			return Hit{}, fmt.Errorf("search: document %s: stored metadata: %w", dm.ID, err)
		}
	}
	h := Hit{
		ID: dm.ID, Source: doc.Source, Title: doc.Title, Type: doc.Type,
		Docket: doc.Docket, Date: doc.Date, Lang: doc.Lang, Score: math.Round(dm.Score*1000) / 1000,
		Statutes: doc.Statutes,
	}
	if doc.Court != "" {
		h.Court = &Court{ID: doc.Court, Name: entity.CourtName(doc.Court)}
	}
	h.Snippets = snippets(&doc, storedPages(dm.Fields[corpus.FieldBody]), dm.Locations[corpus.FieldBody])
	return h, nil
}

// storedPages returns a stored array field as strings. Bleve hands back a
// lone string for a one-element array.
func storedPages(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		pages := make([]string, len(v))
		for i, p := range v {
			pages[i], _ = p.(string)
		}
		return pages
	}
	return nil
}

// facets converts bleve's facet results to buckets, most frequent first.
func facets(fr bsearch.FacetResults) map[string][]Bucket {
	out := make(map[string][]Bucket, len(fr))
	for name, r := range fr {
		buckets := []Bucket{}
		if r.Terms != nil {
			for _, t := range r.Terms.Terms() {
				b := Bucket{Value: t.Term, Count: t.Count}
				if name == corpus.FieldCourt {
					b.Name = entity.CourtName(t.Term)
				}
				buckets = append(buckets, b)
			}
		}
		out[name] = buckets
	}
	return out
}

// Document returns the document with the given ID, with its pages and
// entities, or corpus.ErrNotFound.
func (ix *Index) Document(ctx context.Context, id string) (*corpus.Document, error) {
	sr := bleve.NewSearchRequest(bleve.NewDocIDQuery([]string{id}))
	sr.Fields = []string{fieldMeta, fieldEntities, corpus.FieldBody}
	res, err := ix.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, corpus.ErrNotFound
	}
	f := res.Hits[0].Fields
	var doc corpus.Document
	meta, _ := f[fieldMeta].(string)
	if err := json.Unmarshal([]byte(meta), &doc); err != nil {
		return nil, fmt.Errorf("document %s: stored metadata: %w", id, err)
	}
	if ents, ok := f[fieldEntities].(string); ok && ents != "" {
		if err := json.Unmarshal([]byte(ents), &doc.Entities); err != nil {
			return nil, fmt.Errorf("document %s: stored entities: %w", id, err)
		}
	}
	for i, text := range storedPages(f[corpus.FieldBody]) {
		doc.Pages = append(doc.Pages, corpus.Page{Number: doc.PageNumber(i), Text: text})
	}
	doc.PageNumbers = nil
	return &doc, nil
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
	dict, err := ix.idx.FieldDict(field)
	if err != nil {
		return "", false
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return "", false
		}
		if fold(e.Term) == want {
			return e.Term, true
		}
	}
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
