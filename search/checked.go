package search

import (
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// checkedSearcher passes on only the matches of its searcher that check
// accepts: the shared shape of the phrase and proximity searchers, which
// let bleve find the documents with every word and then look at where the
// words stand.
type checkedSearcher struct {
	bsearch.Searcher
	check func(*bsearch.DocumentMatch) (bool, error)
}

func (s checkedSearcher) Next(sctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		dm, err := s.Searcher.Next(sctx)
		if dm == nil || err != nil {
			return dm, err
		}
		if ok, err := s.check(dm); ok || err != nil {
			return dm, err
		}
		sctx.DocumentMatchPool.Put(dm)
	}
}

func (s checkedSearcher) Advance(sctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(sctx, id)
	if dm == nil || err != nil {
		return dm, err
	}
	if ok, err := s.check(dm); ok || err != nil {
		return dm, err
	}
	sctx.DocumentMatchPool.Put(dm)
	return s.Next(sctx)
}
