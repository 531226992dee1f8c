package search

import (
	"context"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
	"lexsearch/search/facet"
)

// DefaultFacetSize is how many values each facet reports by default.
const DefaultFacetSize = 20

// A counted query is the user's query with the request's filters applied
// and its facets counted on the way, in the one walk of the matches bleve
// makes for the hits (see package facet). Filters narrow without scoring.
// Each facet is counted over the matches that pass every filter except
// its own, so a journalist who picked court=ilnd still sees how many
// documents every other court has and can widen the choice; that costs no
// extra search.
//
// bleve calls Searcher once per index (shard) it searches, each time with
// that index's snapshot; each call adds a tally, and the tallies are
// merged when the search is done.
type countedQuery struct {
	q       bquery.Query
	ords    *facet.Ordinals // with ids and date keys (see pass)
	filters []filter
	count   []int // fields counted (indexes into ords.Fields)
	hist    int   // field of the histogram, or -1
	walkAll bool  // never take the filter-only shortcut (tests)

	mu      sync.Mutex
	tallies []*facet.Tally
}

// counted wraps p's query to apply its filters and count the facets
// named (corpus facet names), with the year histogram when hist is set.
func (ix *Index) counted(p *plan, facets []string, hist bool) *countedQuery {
	cq := &countedQuery{q: p.q, ords: ix.ords, filters: p.filters, hist: -1, walkAll: ix.walkAll}
	for _, f := range facets {
		cq.count = append(cq.count, ix.ords.Field(f))
	}
	if hist {
		cq.hist = ix.ords.Field(corpus.FieldYear)
	}
	return cq
}

// Searcher implements bleve's query.Query.
func (cq *countedQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	view, err := cq.ords.View(r)
	if err != nil {
		return nil, err
	}
	var filters []facet.Filter
	for _, f := range cq.filters {
		if f.facet != "" {
			filters = append(filters, facet.Filter{Field: cq.ords.Field(f.facet), Values: f.values})
			continue
		}
		docs, err := matching(ctx, r, m, f.q)
		if err != nil {
			return nil, err
		}
		filters = append(filters, facet.Filter{Field: -1, Docs: docs})
	}
	t := facet.NewTally(view, cq.count, cq.hist, filters)
	inner, err := cq.filterOnly(ctx, r, m, opts, t)
	if err == nil && inner == nil {
		inner, err = cq.q.Searcher(ctx, r, m, opts)
	}
	if err != nil {
		return nil, err
	}
	cq.mu.Lock()
	cq.tallies = append(cq.tallies, t)
	cq.mu.Unlock()
	return &countingSearcher{Searcher: inner, ctx: ctx, t: t}, nil
}

// tally returns the merged tally of every index searched.
func (cq *countedQuery) tally() *facet.Tally {
	cq.mu.Lock()
	defer cq.mu.Unlock()
	if len(cq.tallies) == 0 {
		return nil
	}
	t := cq.tallies[0]
	for _, o := range cq.tallies[1:] {
		t.Merge(o)
	}
	return t
}

// matching returns the documents of r that q matches.
func matching(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, q bquery.Query) (*facet.Bits, error) {
	s, err := q.Searcher(ctx, r, m, bsearch.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	docs := &facet.Bits{}
	for n := 0; ; n++ {
		if n%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, err
		}
		if dm == nil {
			return docs, nil
		}
		docs.Set(dm.IndexInternalID.Value())
		sctx.DocumentMatchPool.Put(dm)
	}
}

// countingSearcher counts every match of the query and passes on those
// that pass the filters.
type countingSearcher struct {
	bsearch.Searcher
	ctx context.Context
	t   *facet.Tally
}

func (s *countingSearcher) Next(sctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		dm, err := s.Searcher.Next(sctx)
		if dm == nil && err == nil {
			s.t.Flush() // the walk is over: count here, in parallel with the other shards
		}
		if dm == nil || err != nil {
			return dm, err
		}
		if s.pass(dm) {
			return dm, nil
		}
		sctx.DocumentMatchPool.Put(dm)
		if s.t.Seen%checkEvery == 0 {
			if err := s.ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
}

func (s *countingSearcher) Advance(sctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(sctx, id)
	if dm == nil && err == nil {
		s.t.Flush()
	}
	if dm == nil || err != nil {
		return dm, err
	}
	if s.pass(dm) {
		return dm, nil
	}
	sctx.DocumentMatchPool.Put(dm)
	return s.Next(sctx)
}

// pass counts dm and reports whether it passes the filters. A hit gets
// its id and date sort key from the ordinals now, so bleve's collector
// need not read them from stored fields and doc values for every match
// (see dateSort).
func (s *countingSearcher) pass(dm *bsearch.DocumentMatch) bool {
	d, ok := s.t.Add(dm.IndexInternalID)
	if !ok {
		return false
	}
	v := s.t.View()
	dm.ID = v.ID(d)
	dm.Index = v.DateKey(d)
	return true
}

// buckets returns the counted facets, FacetSize values each, keeping
// only values that start with FacetPrefix (case ignored) when it is set.
func (cq *countedQuery) buckets(t *facet.Tally, req Request) map[string][]Bucket {
	out := make(map[string][]Bucket, len(cq.count))
	var keep func(string) bool
	if req.FacetPrefix != "" {
		keep = func(v string) bool { return hasPrefixFold(v, req.FacetPrefix) }
	}
	for j, f := range cq.count {
		name := cq.ords.Fields()[f]
		bs := []Bucket{}
		if t != nil {
			for _, c := range t.Top(j, req.FacetSize, keep) {
				b := Bucket{Value: c.Value, Count: c.Count}
				if name == corpus.FieldCourt {
					b.Name = entity.CourtName(c.Value)
				}
				bs = append(bs, b)
			}
		}
		out[name] = bs
	}
	return out
}

// histogram returns the year counts of the hits in year order.
func histogram(t *facet.Tally) []Bucket {
	out := []Bucket{}
	if t == nil {
		return out
	}
	for _, c := range t.Histogram() {
		out = append(out, Bucket{Value: c.Value, Count: c.Count})
	}
	return out
}

// hasPrefixFold reports whether s starts with prefix, with Unicode case
// folding, as a facet prefix filter should.
func hasPrefixFold(s, prefix string) bool {
	end := 0
	for range utf8.RuneCountInString(prefix) {
		if end >= len(s) {
			return false
		}
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	return strings.EqualFold(s[:end], prefix)
}
