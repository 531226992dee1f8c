package search

import (
	"context"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/search/facet"
)

// A search with no words and one facet filter ("everything that cites
// 18 U.S.C. § 1591", newest first) matches every document and keeps those
// the filter names. Walking every document to test the filter cost as
// much as the broadest word search; instead the filter's own postings
// drive the walk, each of its documents scored as the match-everything
// query scores it (a constant), so hits, totals and order are the same.
// The filtered facet is counted over all documents, as a filter is never
// applied to its own facet, straight from the ordinals with no walk.

// filterOnly returns the searcher of a countedQuery whose query matches
// every document and whose one filter is on a facet, or nil when the
// query is not of that shape.
func (cq *countedQuery) filterOnly(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions, t *facet.Tally) (bsearch.Searcher, error) {
	all, ok := cq.q.(*bquery.MatchAllQuery)
	if !ok || cq.walkAll || len(cq.filters) != 1 || cq.filters[0].facet == "" {
		return nil, nil
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, nil
	}
	var deleted []*roaring.Bitmap
	for _, s := range snap.Segments() {
		deleted = append(deleted, s.Deleted())
	}
	// The filter is on a facet not counted (facets=none): nothing to count.
	t.CountEvery(cq.ords.Field(cq.filters[0].facet), deleted)
	// Every document the filter's postings give passes the filter.
	t.PassAll()
	drive, err := cq.filters[0].q.Searcher(ctx, r, m, bsearch.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, err
	}
	return &constantSearcher{Searcher: drive, score: scorer.NewConstantScorer(1.0, all.Boost(), opts)}, nil
}

// constantSearcher passes on the documents of its searcher, each scored
// by score, as bleve's match-everything searcher scores every document.
type constantSearcher struct {
	bsearch.Searcher
	score *scorer.ConstantScorer
}

func (s *constantSearcher) Next(sctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Next(sctx)
	return s.rescore(sctx, dm, err)
}

func (s *constantSearcher) Advance(sctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(sctx, id)
	return s.rescore(sctx, dm, err)
}

func (s *constantSearcher) rescore(sctx *bsearch.SearchContext, dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	if dm == nil || err != nil {
		return dm, err
	}
	out := s.score.Score(sctx, dm.IndexInternalID)
	sctx.DocumentMatchPool.Put(dm)
	return out, nil
}

// DocumentMatchPoolSize makes room for the scored copy of each match.
func (s *constantSearcher) DocumentMatchPoolSize() int { return s.Searcher.DocumentMatchPoolSize() + 1 }
